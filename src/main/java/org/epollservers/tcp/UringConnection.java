package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import org.epollservers.internals.ServedSocket;
import org.epollservers.internals.UringSocket;

/**
 * One accepted socket served on an io_uring loop without a Netty channel: a plain read when bytes are known to wait,
 * the reply sent and the socket closed through the ring; input is awaited with one-shot polls, asked for only while
 * the exchange wants input and no reply is on its way out. Loop thread only.
 */
final class UringConnection extends LoopConnection implements UringSocket.Events {

  private final UringSocket socket;

  UringConnection(int fd, EventLoop loop, UringAcceptor acceptor, SocketAddress remoteAddress) {
    super(acceptor, remoteAddress);
    this.socket = new UringSocket(fd, loop, this);
  }

  @Override
  ServedSocket socket() {
    return socket;
  }

  /** With deferred accept the request has arrived with the connection, and an exchange that ends here polls for nothing. */
  @Override
  void start(ExchangePolicy policy, Object client, boolean readFirst) {
    if (!socket.isOpen()) {
      // It could not join the loop and is closed already: counted nowhere, so nothing else to undo.
      close();
      return;
    }
    try {
      startExchange(policy, client);
      if (readFirst && !closed) {
        read();
      }
      awaitInput();
    } catch (RuntimeException e) {
      close();
    }
  }

  /** Asks for the next input when the exchange wants it: not while paused, ended, or a reply is on its way out. */
  private void awaitInput() {
    if (!closed && !inputEnded && !inputPaused && pending == null) {
      socket.pollInput();
    }
  }

  @Override
  public void inputReady(boolean failed) {
    try {
      if (failed) {
        close();
        return;
      }
      if (!inputEnded && !inputPaused) {
        read();
      }
      awaitInput();
    } catch (RuntimeException e) {
      // Netty reports some socket errors (ENOTCONN after a reset) unchecked; whatever it is, it ends this connection
      // only: escaping to the loop would stall every connection on it.
      close();
    }
  }

  @Override
  void awaitReplyOnly() {
    // No poll is asked for while a reply is on its way out: its completion comes anyway.
  }

  @Override
  void awaitInputAfterShutdown() {
    awaitInput();
  }

  @Override
  public void write(Reply reply, Handler<Boolean> written) {
    startWrite(reply, written);
    socket.send(pending, 0, pending.limit());
  }

  @Override
  public void sent(int result) {
    try {
      if (result < 0) {
        finishWrite(false);
        return;
      }
      sent += result;
      if (sent < pending.limit()) {
        socket.send(pending, sent, pending.limit());
        return;
      }
      finishWrite(true);
      if (inputEnded && !closed && pending == null) {
        // The client's FIN came while the reply went out, and the exchange kept the connection: nothing more will come.
        close();
      }
      awaitInput();
    } catch (RuntimeException e) {
      close();
    }
  }

  @Override
  public void pauseInput() {
    // A poll already asked for stays; what it reports while paused is left unread, and asked for again at resume.
    inputPaused = true;
  }

  @Override
  public void resumeInput() {
    inputPaused = false;
    awaitInput();
  }
}

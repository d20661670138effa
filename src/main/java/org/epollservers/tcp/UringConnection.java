package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import org.epollservers.internals.ServedSocket;

import java.net.InetSocketAddress;
import org.epollservers.internals.UringSocket;

/**
 * One accepted socket served on an io_uring loop without a Netty channel: the first bytes received, the reply sent and
 * the socket closed through the ring; later input is awaited with one-shot polls, asked for only while the exchange
 * wants input and no reply is on its way out, and read with plain read calls. Loop thread only.
 */
final class UringConnection extends LoopConnection implements UringSocket.Events {

  private static final int EAGAIN = 11;

  private final UringSocket socket;
  private final UringAcceptor acceptor;
  /** The buffer of the first receive while it is in flight through the ring. */
  private LoopReadBuffer receiving;

  /** @param accepted the client's address as accepted, or {@code null} to ask the kernel only if needed */
  UringConnection(int fd, EventLoop loop, UringAcceptor acceptor, InetSocketAddress accepted) {
    super(acceptor, accepted);
    this.acceptor = acceptor;
    this.socket = new UringSocket(fd, loop, this);
  }

  @Override
  ServedSocket socket() {
    return socket;
  }

  /**
   * With deferred accept the request has arrived with the connection: it is received through the ring, in the same
   * submission as the other connections' operations, and an exchange that ends there polls for nothing.
   */
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
        receiving = acceptor.takeReceiveBuffer();
        socket.receiveWaiting(receiving.memory());
      } else {
        awaitInput();
      }
    } catch (RuntimeException e) {
      close();
    }
  }

  @Override
  public void received(int result) {
    LoopReadBuffer buffer = receiving;
    receiving = null;
    try {
      if (result == -EAGAIN) {
        // Nothing had arrived after all (the kernel's deferral ran out first): wait for it below.
      } else if (result < 0) {
        close();
      } else {
        delivered(buffer, result == 0 ? -1 : result);
      }
      awaitInput();
    } catch (RuntimeException e) {
      close();
    } finally {
      acceptor.giveBack(buffer);
    }
  }

  /**
   * Asks for the next input when the exchange wants it: not while paused, ended, a first receive is in flight, or a
   * reply is on its way out.
   */
  private void awaitInput() {
    if (!closed && !inputEnded && !inputPaused && pending == null && receiving == null) {
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

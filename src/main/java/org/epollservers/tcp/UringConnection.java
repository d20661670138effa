package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import org.epollservers.internals.UringSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One accepted socket served on an io_uring loop without a Netty channel: a plain read when bytes are known to wait,
 * the reply sent and the socket closed through the ring; input is awaited with one-shot polls, asked for only while
 * the exchange wants input and no reply is on its way out. Loop thread only.
 */
final class UringConnection implements UringSocket.Events, ExchangeIo {

  private final UringSocket socket;
  private final UringAcceptor acceptor;
  private CannedExchange exchange;
  private Handler<Buffer> bytes;
  private ByteBuffer pending;
  private int sent;
  private Handler<Boolean> written;
  private boolean inputEnded;
  private boolean inputPaused;
  private boolean closed;
  private SocketAddress remoteAddress;

  /** @param remoteAddress the client's address as accepted, or {@code null} to ask the kernel only if needed */
  UringConnection(int fd, EventLoop loop, UringAcceptor acceptor, SocketAddress remoteAddress) {
    this.socket = new UringSocket(fd, loop, this);
    this.acceptor = acceptor;
    this.remoteAddress = remoteAddress;
  }

  /**
   * Starts the exchange, reading at once when {@code readFirst}: with deferred accept the request has arrived with the
   * connection, and an exchange that ends within this call asks for no poll at all.
   *
   * @param client the key of the client's address, for the per-client cap
   */
  void start(ExchangePolicy policy, Object client, boolean readFirst) {
    if (!socket.isOpen()) {
      closed = true;
      acceptor.closed(this);
      return;
    }
    try {
      exchange = CannedExchange.start(this, policy, client);
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

  private void read() {
    LoopReadBuffer buffer = acceptor.readBuffer();
    int n;
    try {
      n = socket.readInto(buffer.memory());
    } catch (IOException reset) {
      // Resets are the client's business; the connection is closed either way.
      close();
      return;
    }
    if (n > 0) {
      if (bytes != null) {
        // Lent, not copied: the record parser copies what it keeps.
        bytes.handle(buffer.lend(n));
      }
    } else if (n < 0) {
      inputEnded();
    }
  }

  /** The client sent FIN: done unless a response is still on its way out. */
  private void inputEnded() {
    inputEnded = true;
    if (pending == null) {
      close();
    }
  }

  @Override
  public void onBytes(Handler<Buffer> handler) {
    bytes = handler;
  }

  @Override
  public void write(Reply reply, Handler<Boolean> written) {
    this.pending = acceptor.bytes(reply);
    this.sent = 0;
    this.written = written;
    // The reply's buffer is shared by every connection of the loop and never changes: only our own offset moves.
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

  private void finishWrite(boolean success) {
    pending = null;
    Handler<Boolean> done = written;
    written = null;
    done.handle(success);
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

  @Override
  public SocketAddress remoteAddress() {
    if (remoteAddress == null && !closed) {
      InetSocketAddress peer = socket.remoteAddress();
      remoteAddress = peer == null ? null : SocketAddress.inetSocketAddress(peer);
    }
    return remoteAddress;
  }

  /** The server is stopping: tells the exchange, which closes the connection if it waits idle for a next request. */
  void serverStopping() {
    if (exchange != null && !closed) {
      exchange.serverStopping();
    }
  }

  @Override
  public void shutdownOutput() {
    if (inputEnded) {
      // The client has finished sending too: nothing is left to drain.
      close();
      return;
    }
    try {
      socket.shutdownOutput();
    } catch (IOException | RuntimeException alreadyGone) {
      // ENOTCONN comes unchecked: the client reset the connection first.
      close();
      return;
    }
    awaitInput();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    socket.close();
    if (exchange != null) {
      exchange.closed();
    }
    acceptor.closed(this);
  }

  @Override
  public void reset() {
    if (!closed) {
      try {
        socket.resetOnClose();
      } catch (IOException | RuntimeException gone) {
        // The client went first: there is nothing left to reset, only a descriptor to close.
      }
    }
    close();
  }

  @Override
  public Object schedule(Duration delay, Runnable task) {
    return acceptor.deadlines().add(delay, task);
  }

  @Override
  public void cancel(Object timer) {
    LoopDeadlines.cancel(timer);
  }
}

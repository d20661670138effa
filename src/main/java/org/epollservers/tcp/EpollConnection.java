package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import org.epollservers.internals.EpollSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One accepted socket served without a Netty channel, on the loop's thread only: the bytes of an exchange in and out
 * with plain read, write and close calls, first straight after accept, then, if it needs more, from the loop's epoll
 * set, level-triggered.
 */
final class EpollConnection implements EpollSocket.Events, ExchangeIo {

  private final EpollSocket socket;
  private final EpollAcceptor acceptor;
  private CannedExchange exchange;
  private Handler<Buffer> bytes;
  private ByteBuffer pending;
  private int sent;
  private Handler<Boolean> written;
  private boolean watching;
  private boolean watchingRoom;
  private boolean inputEnded;
  private boolean inputPaused;
  private boolean closed;
  private SocketAddress remoteAddress;

  /** @param remoteAddress the client's address as accepted, or {@code null} to ask the kernel only if needed */
  EpollConnection(int fd, EventLoop loop, EpollAcceptor acceptor, SocketAddress remoteAddress) {
    this.socket = new EpollSocket(fd, loop, this);
    this.acceptor = acceptor;
    this.remoteAddress = remoteAddress;
  }

  /**
   * Starts the exchange, reading at once when {@code readFirst}, before joining the loop's epoll set: with deferred
   * accept the request has arrived with the connection, and an exchange that ends within this call never joins the
   * set at all (no epoll_ctl, no wake-up of its own).
   *
   * @param client the key of the client's address, for the per-client cap
   */
  void start(ExchangePolicy policy, Object client, boolean readFirst) {
    try {
      exchange = CannedExchange.start(this, policy, client);
      if (readFirst && !closed) {
        read();
      }
      if (!closed && !watching) {
        // Still open after the first read: the request is incomplete, or the connection was kept for the next one.
        watch(!inputPaused, false);
      }
    } catch (RuntimeException e) {
      close();
    }
  }

  private void watch(boolean input, boolean output) {
    watching = true;
    socket.watch(input, output);
  }

  @Override
  public void ready(boolean writable, boolean readable, boolean failed) {
    try {
      if (writable) {
        flushPending();
      }
      if (!closed && !inputEnded && !inputPaused && readable) {
        read();
      }
      if (!closed && failed) {
        close();
      }
    } catch (RuntimeException e) {
      // Netty reports some socket errors (ENOTCONN after a reset) unchecked; whatever it is, it ends this connection
      // only: escaping to the loop would stall every connection on it for a second.
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
    } else {
      // Level-triggered: stop watching a finished input, or every wake-up would report it again.
      watch(false, true);
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
    flushPending();
    if (pending != null && !closed) {
      // The kernel's send buffer is full: wait for room (the exchange's deadline bounds the wait).
      watchingRoom = true;
      watch(!inputEnded && !inputPaused, true);
    }
  }

  /** Writes what is left of the reply; once all of it is out, stops watching for room and reports success. */
  private void flushPending() {
    if (pending == null) {
      return;
    }
    try {
      // The reply's buffer is shared by every connection of the loop: only our own offset into it moves.
      while (sent < pending.limit()) {
        int n = socket.writeFrom(pending, sent, pending.limit());
        if (n == 0) {
          return;
        }
        sent += n;
      }
    } catch (IOException broken) {
      finishWrite(false);
      return;
    }
    if (watchingRoom) {
      watchingRoom = false;
      watch(!inputEnded && !inputPaused, false);
    }
    finishWrite(true);
  }

  private void finishWrite(boolean success) {
    pending = null;
    Handler<Boolean> done = written;
    written = null;
    done.handle(success);
  }

  @Override
  public void pauseInput() {
    inputPaused = true;
    if (watching && !closed) {
      // Level-triggered: unread input would wake the loop again and again while we are not reading it.
      watch(false, watchingRoom);
    }
  }

  @Override
  public void resumeInput() {
    inputPaused = false;
    if (watching && !closed) {
      watch(!inputEnded, watchingRoom);
    }
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
    }
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

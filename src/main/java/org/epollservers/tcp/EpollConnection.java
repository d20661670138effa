package org.epollservers.tcp;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One accepted socket served without a Netty channel, on the loop's thread only: the bytes of an exchange in and out
 * with plain read, write and close calls, first straight after accept, then, if it needs more, from the loop's epoll
 * set, level-triggered.
 */
final class EpollConnection implements EpollIoHandle, ExchangeIo {

  private static final EpollIoOps READING = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP);

  private final FileDescriptor fd;
  private final EpollAcceptor acceptor;
  private IoRegistration registration;
  private CannedExchange exchange;
  private Handler<Buffer> bytes;
  private ByteBuffer pending;
  private int sent;
  private Handler<Boolean> written;
  private boolean watchingRoom;
  private boolean inputEnded;
  private boolean closed;

  EpollConnection(int fd, EpollAcceptor acceptor) {
    this.fd = new FileDescriptor(fd);
    this.acceptor = acceptor;
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
      if (!closed && registration == null) {
        watch(READING);
      }
    } catch (RuntimeException e) {
      close();
    }
  }

  /** Watches for {@code ops}, joining the loop's epoll set the first time. */
  private void watch(EpollIoOps ops) {
    if (registration == null) {
      registration = acceptor.join(this);
      if (registration == null) {
        close();
        return;
      }
    }
    registration.submit(ops);
  }

  @Override
  public FileDescriptor fd() {
    return fd;
  }

  @Override
  public void handle(IoRegistration registration, IoEvent event) {
    EpollIoOps ops = ((EpollIoEvent) event).ops();
    try {
      if (ops.contains(EpollIoOps.EPOLLOUT)) {
        flushPending();
      }
      if (!closed && !inputEnded && (ops.contains(EpollIoOps.EPOLLIN) || ops.contains(EpollIoOps.EPOLLRDHUP))) {
        read();
      }
      if (!closed && ops.contains(EpollIoOps.EPOLLERR)) {
        close();
      }
    } catch (RuntimeException e) {
      // Netty reports some socket errors (ENOTCONN after a reset) unchecked; whatever it is, it ends this connection
      // only: escaping to the loop would stall every connection on it for a second.
      close();
    }
  }

  private void read() {
    ByteBuffer scratch = acceptor.readBuffer();
    int n;
    try {
      n = fd.read(scratch, 0, scratch.capacity());
    } catch (IOException reset) {
      // Resets are the client's business; the connection is closed either way.
      close();
      return;
    }
    if (n > 0) {
      if (bytes != null) {
        // Lent, not copied: the record parser copies what it keeps.
        bytes.handle(acceptor.lendRead(n));
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
      watch(EpollIoOps.EPOLLOUT);
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
      watch(inputEnded ? EpollIoOps.EPOLLOUT : READING.with(EpollIoOps.EPOLLOUT));
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
        int n = fd.write(pending, sent, pending.limit());
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
      registration.submit(inputEnded ? EpollIoOps.EPOLLERR : READING);
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
  public void shutdownOutput() {
    if (inputEnded) {
      // The client has finished sending too: nothing is left to drain.
      close();
      return;
    }
    try {
      new Socket(fd.intValue()).shutdown(false, true);
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
    try {
      fd.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a descriptor the kernel refuses to close.
    }
    // After the close, so the loop skips removing from epoll what closing already removed.
    if (registration != null) {
      registration.cancel();
    }
    if (exchange != null) {
      exchange.closed();
    }
    acceptor.closed(this);
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

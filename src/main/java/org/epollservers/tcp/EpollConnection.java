package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import org.epollservers.internals.EpollSocket;
import org.epollservers.internals.ServedSocket;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One accepted socket served without a Netty channel, on the loop's thread only: the bytes of an exchange in and out
 * with plain read, write and close calls, first straight after accept, then, if it needs more, from the loop's epoll
 * set, level-triggered.
 */
final class EpollConnection extends LoopConnection implements EpollSocket.Events {

  private final EpollSocket socket;
  private boolean watching;
  private boolean watchingRoom;

  /** @param accepted the client's address as accepted, or {@code null} to ask the kernel only if needed */
  EpollConnection(int fd, EventLoop loop, EpollAcceptor acceptor, InetSocketAddress accepted) {
    super(acceptor, accepted);
    this.socket = new EpollSocket(fd, loop, this);
  }

  @Override
  ServedSocket socket() {
    return socket;
  }

  /**
   * With deferred accept the request has arrived with the connection, and an exchange that ends within this call
   * never joins the epoll set at all (no epoll_ctl, no wake-up of its own).
   */
  @Override
  void start(ExchangePolicy policy, Object client, boolean readFirst) {
    try {
      startExchange(policy, client);
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

  @Override
  void awaitReplyOnly() {
    // Level-triggered: stop watching a finished input, or every wake-up would report it again.
    watch(false, true);
  }

  @Override
  void awaitInputAfterShutdown() {
    // Still watched for input, as before the shutdown.
  }

  @Override
  public void write(Reply reply, Handler<Boolean> written) {
    startWrite(reply, written);
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
}

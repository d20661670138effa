package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import org.epollservers.internals.ServedSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What the two fast paths' connections share, on their listener's loop only: the exchange's bytes in, the reply's
 * progress, the ends of input and of the connection. How input is awaited and the reply sent is each path's own.
 */
abstract class LoopConnection implements ExchangeIo {

  private final LoopListener<?> listener;
  private CannedExchange exchange;
  private Handler<Buffer> bytes;
  private SocketAddress remoteAddress;
  /** The reply on its way out, or {@code null}; shared by every connection of the loop, so only {@link #sent} moves. */
  ByteBuffer pending;
  int sent;
  private Handler<Boolean> written;
  boolean inputEnded;
  boolean inputPaused;
  boolean closed;

  /** @param accepted the client's address as accepted, or {@code null} to ask the kernel only if needed */
  LoopConnection(LoopListener<?> listener, InetSocketAddress accepted) {
    this.listener = listener;
    this.remoteAddress = accepted == null ? null : SocketAddress.inetSocketAddress(accepted);
  }

  abstract ServedSocket socket();

  /** Input has ended while a reply is still on its way out: wait for the reply alone. */
  abstract void awaitReplyOnly();

  /** The output is shut and the input still open: go on reading until the client's FIN. */
  abstract void awaitInputAfterShutdown();

  /**
   * Starts the exchange, reading at once when {@code readFirst}, then awaits what the exchange wants.
   *
   * @param client the key of the client's address, for the per-client cap
   */
  abstract void start(ExchangePolicy policy, Object client, boolean readFirst);

  /** Starts the exchange; what {@link #start} does first. */
  final void startExchange(ExchangePolicy policy, Object client) {
    exchange = CannedExchange.start(this, policy, client);
  }

  /** One read into the loop's buffer, lent to the exchange; the end of input or a reset ends the connection. */
  final void read() {
    LoopReadBuffer buffer = listener.readBuffer();
    int n;
    try {
      n = socket().readInto(buffer.memory());
    } catch (IOException reset) {
      // Resets are the client's business; the connection is closed either way.
      close();
      return;
    }
    delivered(buffer, n);
  }

  /** What a read brought into {@code buffer}: {@code n} bytes to lend the exchange, none (0), or the end of input. */
  final void delivered(LoopReadBuffer buffer, int n) {
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
      awaitReplyOnly();
    }
  }

  /** Takes the reply to send: its bytes from the listener, from 0 to the limit. */
  final ByteBuffer startWrite(Reply reply, Handler<Boolean> written) {
    this.pending = listener.bytes(reply);
    this.sent = 0;
    this.written = written;
    return pending;
  }

  final void finishWrite(boolean success) {
    pending = null;
    Handler<Boolean> done = written;
    written = null;
    done.handle(success);
  }

  @Override
  public final void onBytes(Handler<Buffer> handler) {
    bytes = handler;
  }

  @Override
  public final SocketAddress remoteAddress() {
    if (remoteAddress == null && !closed) {
      InetSocketAddress peer = socket().remoteAddress();
      remoteAddress = peer == null ? null : SocketAddress.inetSocketAddress(peer);
    }
    return remoteAddress;
  }

  /** The server is stopping: tells the exchange, which closes the connection if it waits idle for a next request. */
  final void serverStopping() {
    if (exchange != null && !closed) {
      exchange.serverStopping();
    }
  }

  @Override
  public final void shutdownOutput() {
    if (inputEnded) {
      // The client has finished sending too: nothing is left to drain.
      close();
      return;
    }
    try {
      socket().shutdownOutput();
    } catch (IOException | RuntimeException alreadyGone) {
      // ENOTCONN comes unchecked: the client reset the connection first.
      close();
      return;
    }
    awaitInputAfterShutdown();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    socket().close();
    if (exchange != null) {
      exchange.closed();
    }
    listener.closed(this);
  }

  @Override
  public final void reset() {
    if (!closed) {
      try {
        socket().resetOnClose();
      } catch (IOException | RuntimeException gone) {
        // The client went first: there is nothing left to reset, only a descriptor to close.
      }
    }
    close();
  }

  @Override
  public final Object schedule(Duration delay, Runnable task) {
    return listener.deadlines().add(delay, task);
  }

  @Override
  public final void cancel(Object timer) {
    LoopDeadlines.cancel(timer);
  }
}

package org.epollservers.tcp;

import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

import java.time.Duration;

/**
 * One client connection: waits, within a deadline, for the end of the request headers, answers with the canned
 * bytes, then closes, first draining for a while whatever the client may still be sending.
 */
final class CannedExchange implements HeaderScanner.Listener {

  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final NetSocket socket;
  private final ExchangePolicy policy;
  private long timer = NO_TIMER;

  private CannedExchange(Vertx vertx, NetSocket socket, ExchangePolicy policy) {
    this.vertx = vertx;
    this.socket = socket;
    this.policy = policy;
  }

  /** Starts serving a freshly accepted connection, or closes it at once when the port is at its cap. */
  static void serve(Vertx vertx, NetSocket socket, ExchangePolicy policy) {
    if (!policy.traffic().tryOpen()) {
      socket.close();
      return;
    }
    CannedExchange exchange = new CannedExchange(vertx, socket, policy);
    socket.closeHandler(closed -> exchange.closed());
    // Resets and broken pipes are the client's business; the connection is closed either way.
    socket.exceptionHandler(failure -> socket.close());
    socket.handler(new HeaderScanner(policy.maxHeaderBytes(), exchange));
    exchange.closeAfter(policy.headerTimeout(), true);
  }

  @Override
  public void headersEnded(boolean moreMayFollow) {
    policy.traffic().responded();
    reply(policy.replies().response(), moreMayFollow);
  }

  @Override
  public void headersTooLarge() {
    policy.traffic().headersTooLarge();
    reply(policy.replies().headersTooLarge(), true);
  }

  private void reply(Buffer bytes, boolean clientMayStillSend) {
    // The header deadline now bounds the write too: a client that never reads cannot hold the connection.
    closeAfter(policy.headerTimeout(), false);
    socket.write(bytes).onComplete(written -> {
      if (written.succeeded() && clientMayStillSend && !policy.lingerTimeout().isZero()) {
        linger();
      } else {
        socket.close();
      }
    });
  }

  /**
   * Closing with unread bytes makes the kernel send a reset, which can destroy the response before the client
   * reads it; so say we are done (FIN), then read and discard until the client closes or the linger time ends.
   */
  private void linger() {
    socket.handler(ignored -> { });
    if (socket instanceof NetSocketInternal internal
      && internal.channelHandlerContext().channel() instanceof DuplexChannel channel) {
      channel.shutdownOutput();
    }
    closeAfter(policy.lingerTimeout(), false);
  }

  private void closeAfter(Duration delay, boolean headerDeadline) {
    cancelTimer();
    timer = vertx.setTimer(Math.max(1, delay.toMillis()), fired -> {
      timer = NO_TIMER;
      if (headerDeadline) {
        policy.traffic().headerTimedOut();
      }
      socket.close();
    });
  }

  private void closed() {
    cancelTimer();
    policy.traffic().closed();
  }

  private void cancelTimer() {
    if (timer != NO_TIMER) {
      vertx.cancelTimer(timer);
      timer = NO_TIMER;
    }
  }
}

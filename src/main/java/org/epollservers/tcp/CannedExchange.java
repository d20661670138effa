package org.epollservers.tcp;

import java.time.Duration;

/**
 * One client connection: waits, within a deadline, for the end of the request headers, answers with the canned
 * bytes, then closes, first draining for a while whatever the client may still be sending.
 */
final class CannedExchange implements HeaderScanner.Listener {

  private final ExchangeIo io;
  private final ExchangePolicy policy;
  private final Object client;
  private Object timer;
  private boolean writing;

  private CannedExchange(ExchangeIo io, ExchangePolicy policy, Object client) {
    this.io = io;
    this.policy = policy;
    this.client = client;
  }

  /**
   * Starts serving a freshly accepted connection, or closes it at once when the port, or its client's share of the
   * port, is at its cap.
   *
   * @param client a key equal for every connection from the same client address
   * @return the exchange, whose {@link #closed} the acceptor calls when the connection ends; {@code null} if refused
   */
  static CannedExchange start(ExchangeIo io, ExchangePolicy policy, Object client) {
    if (!policy.traffic().tryOpen(client)) {
      io.close();
      return null;
    }
    CannedExchange exchange = new CannedExchange(io, policy, client);
    HeaderScanner scanner = new HeaderScanner(policy.maxHeaderBytes(), exchange);
    io.onBytes(bytes -> {
      policy.traffic().read(bytes.length());
      scanner.handle(bytes);
    });
    exchange.timer = io.schedule(policy.headerTimeout(), exchange::headerTimedOut);
    return exchange;
  }

  @Override
  public void headersEnded(boolean moreMayFollow) {
    policy.traffic().responded();
    reply(Reply.RESPONSE, moreMayFollow);
  }

  @Override
  public void headersTooLarge() {
    policy.traffic().headersTooLarge();
    reply(Reply.HEADERS_TOO_LARGE, true);
  }

  private void reply(Reply reply, boolean clientMayStillSend) {
    writing = true;
    io.write(reply, written -> {
      writing = false;
      if (written) {
        policy.traffic().wrote(policy.replies().bytes(reply).length());
      }
      if (written && clientMayStillSend && !policy.lingerTimeout().isZero()) {
        linger();
      } else {
        io.close();
      }
    });
    if (writing) {
      // The client is not reading fast enough for the write to finish at once: a fresh header deadline bounds the
      // write, so a client that never reads cannot hold the connection. (Most writes finish within the call, and
      // the connection closes, or starts lingering with its own deadline, before we get here.)
      rearm(policy.headerTimeout());
    }
  }

  /**
   * Closing with unread bytes makes the kernel send a reset, which can destroy the response before the client
   * reads it; so say we are done (FIN), then read and discard until the client closes or the linger time ends.
   */
  private void linger() {
    io.onBytes(bytes -> policy.traffic().read(bytes.length()));
    io.shutdownOutput();
    rearm(policy.lingerTimeout());
  }

  private void rearm(Duration delay) {
    io.cancel(timer);
    timer = io.schedule(delay, io::close);
  }

  private void headerTimedOut() {
    policy.traffic().headerTimedOut();
    io.close();
  }

  /** The connection has ended, however it ended. */
  void closed() {
    io.cancel(timer);
    policy.traffic().closed(client);
  }
}

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
  /** An injected stall: the header deadline's close is the fault's end, not a timeout. */
  private boolean stalled;

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
    // One test of a constant when nothing is injected: no random draw, no timer, the same path as without faults.
    if (policy.faults().on() && misbehave(moreMayFollow)) {
      return;
    }
    respond(moreMayFollow);
  }

  private void respond(boolean moreMayFollow) {
    policy.traffic().responded();
    reply(Reply.RESPONSE, moreMayFollow);
  }

  /**
   * Injects the fault this request draws, or holds its response for the drawn wait; bytes the client sends meanwhile
   * are still read, counted and dropped, as after any response.
   *
   * @return false when the response goes out at once after all
   */
  private boolean misbehave(boolean moreMayFollow) {
    Fault fault = policy.faults().draw();
    if (fault == null) {
      Duration wait = policy.faults().responseWait();
      if (wait.isZero()) {
        return false;
      }
      // The wait, itself bounded by configuration, replaces the header deadline; closed() cancels it.
      rearm(wait, () -> {
        try {
          policy.traffic().delayed();
          respond(moreMayFollow);
        } catch (RuntimeException gone) {
          // A timer has no connection handler around it to close on a failure: close here, or nothing ever would.
          io.close();
        }
      });
      return true;
    }
    policy.traffic().faultInjected(fault);
    switch (fault) {
      case RESET -> io.reset();
      // Without an answer, yet as cleanly as after one: unread bytes would turn the FIN into a reset.
      case CLOSE -> {
        if (moreMayFollow && !policy.lingerTimeout().isZero()) {
          linger();
        } else {
          io.close();
        }
      }
      // The header deadline set at accept still runs and closes it; headerTimedOut() knows not to count it.
      case STALL -> stalled = true;
    }
    return true;
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
    rearm(delay, io::close);
  }

  private void rearm(Duration delay, Runnable task) {
    io.cancel(timer);
    timer = io.schedule(delay, task);
  }

  private void headerTimedOut() {
    if (!stalled) {
      policy.traffic().headerTimedOut();
    }
    io.close();
  }

  /** The connection has ended, however it ended. */
  void closed() {
    io.cancel(timer);
    policy.traffic().closed(client);
  }
}

package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;

import java.time.Duration;

/**
 * One client connection: waits, within a deadline, for the end of the request headers, answers with the canned
 * bytes, then closes, first draining for a while whatever the client may still be sending; with keep-alive on, a
 * request that asks for it is answered and the connection waits, within its own deadline, for the next one.
 */
final class CannedExchange implements HeaderScanner.Listener {

  private final ExchangeIo io;
  private final ExchangePolicy policy;
  private final Object client;
  private HeaderScanner scanner;
  private Object timer;
  private boolean writing;
  private boolean inputPaused;
  /** An injected stall: the header deadline's close is the fault's end, not a timeout. */
  private boolean stalled;
  /** A delay or stall holds the response back; {@link #heldBytes} came meanwhile. */
  private boolean holding;
  private long heldBytes;
  /** Kept open after a response, no byte of the next request yet: an idle close is quiet and counted as such. */
  private boolean idle;
  private boolean closed;
  /** The current request has had its access log line (or has no line to get). */
  private boolean logged;
  private int requests;
  /** When the current request began, for the access log; 0 when unknown yet or the log is off. */
  private long requestStart;

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
    exchange.scanner = new HeaderScanner(policy.maxHeaderBytes(), exchange, policy.accessLog() != null);
    io.onBytes(exchange::received);
    exchange.timer = io.schedule(policy.headerTimeout(), exchange::headerTimedOut);
    return exchange;
  }

  private void received(Buffer bytes) {
    policy.traffic().read(bytes.length());
    if (holding) {
      // Still reading while a response is held, so a client that leaves frees its connection at once; but what it
      // sends meanwhile waits in the parser, so past one head's worth the rest waits in the kernel instead.
      heldBytes += bytes.length();
      if (heldBytes > policy.maxHeaderBytes()) {
        holdInput();
      }
    }
    if (idle) {
      // The next request has begun: from its first byte to its blank line the header deadline applies.
      idle = false;
      rearm(policy.headerTimeout(), this::headerTimedOut);
    }
    if (requestStart == 0 && policy.accessLog() != null) {
      requestStart = System.nanoTime();
    }
    scanner.handle(bytes);
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
    requests++;
    if (requests > 1) {
      policy.traffic().keptRequest();
    }
    if (!policy.keepAlive().enabled()) {
      scanner.stop();
      reply(Reply.RESPONSE, moreMayFollow, false);
    } else if (scanner.persistent() && requests < policy.keepAlive().maxRequests() && !stopping()) {
      reply(Reply.KEPT_RESPONSE, moreMayFollow, true);
    } else {
      scanner.stop();
      reply(Reply.CLOSING_RESPONSE, moreMayFollow, false);
    }
  }

  /**
   * Injects the fault this request draws, or holds its response for the drawn wait.
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
      holding = true;
      // The wait, itself bounded by configuration, replaces the header deadline; closed() cancels it.
      rearm(wait, () -> {
        try {
          holding = false;
          heldBytes = 0;
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
    scanner.stop();
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
      // The header deadline still runs and closes it; headerTimedOut() knows not to count it.
      case STALL -> {
        stalled = true;
        holding = true;
      }
    }
    return true;
  }

  private void holdInput() {
    if (!inputPaused) {
      inputPaused = true;
      io.pauseInput();
    }
  }

  @Override
  public void headersTooLarge() {
    policy.traffic().headersTooLarge();
    reply(Reply.HEADERS_TOO_LARGE, true, false);
  }

  private void reply(Reply reply, boolean clientMayStillSend, boolean keep) {
    writing = true;
    logged = true;
    byte[] requestLine = scanner.requestLine();
    io.write(reply, written -> {
      writing = false;
      int length = policy.replies().bytes(reply).length();
      if (written) {
        policy.traffic().wrote(length);
      }
      logExchange(requestLine, reply == Reply.HEADERS_TOO_LARGE ? "431" : policy.status(), written ? length : 0);
      if (!written || closed) {
        io.close();
      } else if (keep && !stopping()) {
        next();
      } else if ((clientMayStillSend || keep) && !policy.lingerTimeout().isZero()) {
        linger();
      } else {
        io.close();
      }
    });
    if (writing) {
      // The client is not reading fast enough for the write to finish at once: a fresh header deadline bounds the
      // write, so a client that never reads cannot hold the connection. (Most writes finish within the call, and
      // the connection closes, or starts lingering with its own deadline, before we get here.) A kept connection also
      // stops reading meanwhile, so pipelined requests wait in the kernel, not in memory.
      if (keep) {
        holdInput();
      }
      rearm(policy.headerTimeout(), io::close);
    }
  }

  @Override
  public void bodySkipped() {
    // Between requests again: the wait for the next one is an idle wait, not a header one.
    idle = true;
    requestStart = 0;
    rearm(policy.keepAlive().timeout(), this::idleTimedOut);
  }

  /** After a kept response: arms the deadline for what comes next, then scans on (which may answer at once). */
  private void next() {
    if (inputPaused) {
      inputPaused = false;
      io.resumeInput();
    }
    logged = false;
    if (scanner.midRequest()) {
      // The next request, or the body to skip, has begun: its bytes came with the last ones.
      rearm(policy.headerTimeout(), this::headerTimedOut);
      requestStart = policy.accessLog() != null ? System.nanoTime() : 0;
    } else {
      idle = true;
      requestStart = 0;
      rearm(policy.keepAlive().timeout(), this::idleTimedOut);
    }
    scanner.next();
  }

  /**
   * Closing with unread bytes makes the kernel send a reset, which can destroy the response before the client
   * reads it; so say we are done (FIN), then read and discard until the client closes or the linger time ends.
   */
  private void linger() {
    if (inputPaused) {
      inputPaused = false;
      io.resumeInput();
    }
    io.onBytes(bytes -> policy.traffic().read(bytes.length()));
    io.shutdownOutput();
    rearm(policy.lingerTimeout(), io::close);
  }

  private void rearm(Duration delay, Runnable task) {
    io.cancel(timer);
    timer = io.schedule(delay, task);
  }

  private void headerTimedOut() {
    if (!stalled) {
      policy.traffic().headerTimedOut();
    }
    logged = true;
    logExchange(scanner.requestLine(), "-", 0);
    io.close();
  }

  private void idleTimedOut() {
    policy.traffic().idleClosed();
    io.close();
  }

  /**
   * The server is stopping: a kept connection waiting for its next request closes now (one mid-request is answered
   * with {@code Connection: close}, as {@link #stopping()} says). Call on the connection's loop.
   */
  void serverStopping() {
    if (idle && !closed) {
      policy.traffic().idleClosed();
      io.close();
    }
  }

  /**
   * Whether the server is stopping: the port's flag, set before any connection is told, so a request answered in
   * between cannot be invited to stay.
   */
  private boolean stopping() {
    return policy.traffic().isStopping();
  }

  private void logExchange(byte[] requestLine, String status, long bytes) {
    AccessLog log = policy.accessLog();
    if (log == null) {
      return;
    }
    long nanos = requestStart == 0 ? 0 : System.nanoTime() - requestStart;
    if (!log.offer(new AccessLog.Entry(io.remoteAddress(), requestLine, status, bytes, nanos))) {
      policy.traffic().droppedAccessLogLine();
    }
  }

  /** The connection has ended, however it ended. */
  void closed() {
    if (closed) {
      return;
    }
    closed = true;
    io.cancel(timer);
    policy.traffic().closed(client);
    if (!logged && requestStart != 0) {
      // The client left mid-request, with no answer sent: still one exchange for the log.
      logExchange(scanner.requestLine(), "-", 0);
    }
  }
}

package org.epollservers.tcp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection gate and counters of one TCP port, shared by every verticle instance serving it in this Vert.x,
 * so the connection cap holds for the port as a whole.
 */
public final class TcpTraffic implements Shareable {

  private static final String MAP = "epoll-servers.tcp-traffic";

  private final int maxConnections;
  private final int maxPerClient;
  /** Open connections per client address, without entries for clients with none; unused when unlimited. */
  private final ConcurrentHashMap<Object, Integer> perClient = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  /** Set once the port stops: read by every loop, so no answer after it invites another request. */
  private volatile boolean stopping;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder refusedPerClient = new LongAdder();
  private final LongAdder responses = new LongAdder();
  private final LongAdder headersTooLarge = new LongAdder();
  private final LongAdder headerTimeouts = new LongAdder();
  private final LongAdder keptRequests = new LongAdder();
  private final LongAdder idleCloses = new LongAdder();
  private final LongAdder accessLogDropped = new LongAdder();
  private final LongAdder proxyHeadersRefused = new LongAdder();
  private final LongAdder tlsHandshakesFailed = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  /** Indexed by {@link Fault#ordinal()}. */
  private final LongAdder[] faults = {new LongAdder(), new LongAdder(), new LongAdder()};
  private final LongAdder delayed = new LongAdder();

  private TcpTraffic(int maxConnections, int maxPerClient) {
    this.maxConnections = maxConnections;
    this.maxPerClient = maxPerClient;
  }

  /**
   * The traffic of {@code host:port}, created by the first instance that asks.
   *
   * @param maxPerClient open connections allowed from one client address; 0 for no limit
   */
  static TcpTraffic of(Vertx vertx, String host, int port, int maxConnections, int maxPerClient) {
    LocalMap<String, TcpTraffic> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(host + ":" + port, key -> new TcpTraffic(maxConnections, maxPerClient));
  }

  /**
   * Admits a new connection from {@code client} (any key equal for connections from the same address), or counts
   * it refused when the port, or that client's share of it, is at its cap.
   */
  boolean tryOpen(Object client) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.increment();
      return false;
    }
    if (maxPerClient > 0 && perClient.merge(client, 1, Integer::sum) > maxPerClient) {
      leave(client);
      open.decrementAndGet();
      refusedPerClient.increment();
      return false;
    }
    accepted.increment();
    return true;
  }

  /** A connection {@link #tryOpen} admitted has closed. */
  void closed(Object client) {
    if (maxPerClient > 0) {
      leave(client);
    }
    open.decrementAndGet();
  }

  private void leave(Object client) {
    perClient.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
  }

  void responded() {
    responses.increment();
  }

  void headersTooLarge() {
    headersTooLarge.increment();
  }

  void headerTimedOut() {
    headerTimeouts.increment();
  }

  void faultInjected(Fault fault) {
    faults[fault.ordinal()].increment();
  }

  void delayed() {
    delayed.increment();
  }

  /** A request came on a connection kept open after an earlier one. */
  void keptRequest() {
    keptRequests.increment();
  }

  void idleClosed() {
    idleCloses.increment();
  }

  void droppedAccessLogLine() {
    accessLogDropped.increment();
  }

  /** The port is stopping: from now on no response keeps its connection open. */
  void stopping() {
    stopping = true;
  }

  boolean isStopping() {
    return stopping;
  }

  void proxyHeaderRefused() {
    proxyHeadersRefused.increment();
  }

  void tlsHandshakeFailed() {
    tlsHandshakesFailed.increment();
  }

  void read(int bytes) {
    bytesRead.add(bytes);
  }

  void wrote(int bytes) {
    bytesWritten.add(bytes);
  }

  public long bytesRead() {
    return bytesRead.sum();
  }

  public long bytesWritten() {
    return bytesWritten.sum();
  }

  public int open() {
    return open.get();
  }

  public long accepted() {
    return accepted.sum();
  }

  /** Connections closed at once because the port was at {@code tcp.maxConnections}. */
  public long refused() {
    return refused.sum();
  }

  /** Connections closed at once because their client address was at {@code tcp.maxConnectionsPerClient}. */
  public long refusedPerClient() {
    return refusedPerClient.sum();
  }

  public long responses() {
    return responses.sum();
  }

  public long headersTooLargeCount() {
    return headersTooLarge.sum();
  }

  public long headerTimeouts() {
    return headerTimeouts.sum();
  }

  /** Requests that got {@code fault} instead of the response (tcp.faults). */
  public long faultsInjected(Fault fault) {
    return faults[fault.ordinal()].sum();
  }

  /** Responses that went out after a wait (tcp.response.delay and jitter); also counted in {@link #responses()}. */
  public long responsesDelayed() {
    return delayed.sum();
  }

  /** Requests served on a connection kept open after an earlier request: connections keep-alive saved. */
  public long keptRequests() {
    return keptRequests.sum();
  }

  /** Kept connections closed because no next request began within {@code tcp.keepAliveTimeout}, or at shutdown. */
  public long idleCloses() {
    return idleCloses.sum();
  }

  /** Access log lines dropped because the writer's queue was full. */
  public long accessLogDropped() {
    return accessLogDropped.sum();
  }

  /** With {@code tcp.proxyProtocol}: connections closed unanswered because they sent no valid PROXY header. */
  public long proxyHeadersRefused() {
    return proxyHeadersRefused.sum();
  }

  /** With TLS on: connections closed unanswered because their handshake failed (or a client certificate was refused). */
  public long tlsHandshakesFailed() {
    return tlsHandshakesFailed.sum();
  }
}

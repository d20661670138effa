package org.epollservers.tcp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection gate and counters of one TCP port, shared by every verticle instance serving it in this Vert.x,
 * so the connection cap holds for the port as a whole.
 */
public final class TcpTraffic implements Shareable {

  private static final String MAP = "epoll-servers.tcp-traffic";

  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder responses = new LongAdder();
  private final LongAdder headersTooLarge = new LongAdder();
  private final LongAdder headerTimeouts = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();

  private TcpTraffic(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** The traffic of {@code host:port}, created by the first instance that asks. */
  static TcpTraffic of(Vertx vertx, String host, int port, int maxConnections) {
    LocalMap<String, TcpTraffic> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(host + ":" + port, key -> new TcpTraffic(maxConnections));
  }

  /** Admits a new connection, or counts it refused when the port is at its cap. */
  boolean tryOpen() {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.increment();
      return false;
    }
    accepted.increment();
    return true;
  }

  void closed() {
    open.decrementAndGet();
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

  public long refused() {
    return refused.sum();
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
}

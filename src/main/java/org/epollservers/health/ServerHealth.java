package org.epollservers.health;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this process's servers are bound and not stopping: the servers report into it and the readiness probe reads
 * it, so neither depends on the other.
 */
public final class ServerHealth implements Shareable {

  private static final String MAP = "epoll-servers.health";

  private final AtomicInteger tcpListening = new AtomicInteger();
  private final AtomicInteger udpListening = new AtomicInteger();
  private volatile boolean stopping;

  /** The process's health, created on first use. */
  public static ServerHealth of(Vertx vertx) {
    LocalMap<String, ServerHealth> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("health", key -> new ServerHealth());
  }

  public void tcpUp() {
    tcpListening.incrementAndGet();
  }

  public void tcpDown() {
    tcpListening.decrementAndGet();
  }

  public void udpUp() {
    udpListening.incrementAndGet();
  }

  public void udpDown() {
    udpListening.decrementAndGet();
  }

  /** From now on the process is not ready, whatever is still bound: shutdown has begun. */
  public void stopping() {
    stopping = true;
  }

  public boolean ready() {
    return !stopping && tcpListening.get() > 0 && udpListening.get() > 0;
  }

  /** Whether any server is still bound, so the admin endpoint keeps answering while they drain. */
  public boolean anyListening() {
    return tcpListening.get() > 0 || udpListening.get() > 0;
  }

  public int tcpListening() {
    return tcpListening.get();
  }

  public int udpListening() {
    return udpListening.get();
  }

  public boolean isStopping() {
    return stopping;
  }
}

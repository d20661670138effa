package org.epollservers.udp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.LongAdder;

/** The datagram counters of this process, summed over every UDP instance, for status and metrics. */
public final class UdpTraffic implements Shareable {

  private static final String MAP = "epoll-servers.udp-traffic";

  private final LongAdder received = new LongAdder();
  private final LongAdder printed = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  /** The process's UDP counters, created on first use. */
  public static UdpTraffic of(Vertx vertx) {
    LocalMap<String, UdpTraffic> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("udp", key -> new UdpTraffic());
  }

  /** Counts a block of {@code lines} datagrams taken from a socket and the outcome of offering it to the printer. */
  void received(int lines, boolean queued) {
    received.add(lines);
    (queued ? printed : dropped).add(lines);
  }

  public long receivedCount() {
    return received.sum();
  }

  /** Datagrams whose line was queued for stdout (written unless stdout itself fails). */
  public long printedCount() {
    return printed.sum();
  }

  /** Datagrams dropped because stdout could not keep up. */
  public long droppedCount() {
    return dropped.sum();
  }
}

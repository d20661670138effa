package org.epollservers.udp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import org.epollservers.feed.FeedQueue;

import java.util.concurrent.atomic.LongAdder;

/**
 * The datagram counters of this process, summed over every UDP instance, for the stop line, stats, status and
 * metrics: what was received, and what became of it: refused by sender, or printed or dropped at the printer.
 */
public final class UdpTraffic implements Shareable {

  private static final String MAP = "epoll-servers.udp-traffic";

  private final LongAdder received = new LongAdder();
  private final LongAdder denied = new LongAdder();
  private final LongAdder overRate = new LongAdder();
  private volatile boolean restricted;
  private volatile LinePrinter printer;
  private volatile KernelDrops kernel;
  private volatile FeedQueue feed;

  /** Counters of their own, for a receiver whose datagrams are not the process's (the warm-up's). */
  UdpTraffic() {
  }

  /** The process's UDP counters, created on first use. */
  public static UdpTraffic of(Vertx vertx) {
    LocalMap<String, UdpTraffic> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("udp", key -> new UdpTraffic());
  }

  /** The printer whose outcomes these counters report. */
  void printTo(LinePrinter printer) {
    this.printer = printer;
  }

  /** One of this process's sockets is bound to {@code port}, whose kernel drops these counters then report. */
  synchronized void socketBound(int port) {
    if (kernel == null) {
      kernel = new KernelDrops(port);
    }
    kernel.socketBound();
  }

  /** The feed these counters report on, when datagrams are published. */
  void publishTo(FeedQueue queue) {
    this.feed = queue;
  }

  /** Senders may be refused ({@code udp.allow} or {@code udp.ratePerSender}): the summary then counts refusals. */
  void restrictSenders() {
    restricted = true;
  }

  /** Counts datagrams taken from a socket and refused, by reason; both count as received too. */
  void refused(int notAllowed, int overTheRate) {
    if (notAllowed + overTheRate > 0) {
      received.add(notAllowed + overTheRate);
      denied.add(notAllowed);
      overRate.add(overTheRate);
    }
  }

  /** Counts {@code lines} datagrams taken from a socket. */
  void received(int lines) {
    received.add(lines);
  }

  public long receivedCount() {
    return received.sum();
  }

  /** Datagrams whose line reached the output. */
  public long printedCount() {
    LinePrinter current = printer;
    return current == null ? 0 : current.printed();
  }

  /** Datagrams dropped on the way to the output: no room left while it fell behind, or a failed write. */
  public long droppedCount() {
    LinePrinter current = printer;
    return current == null ? 0 : current.dropped();
  }

  /**
   * Datagrams the kernel dropped for this process's sockets before they could be read (receive buffer full), so
   * never received; read from the kernel's own per-socket count each time, which is not free: not per datagram.
   */
  public long kernelDroppedCount() {
    KernelDrops current = kernel;
    return current == null ? 0 : current.count();
  }

  /** Deliveries of datagrams the feed dropped (its queue full, or a subscriber without credit); 0 without a feed. */
  public long feedDroppedCount() {
    FeedQueue current = feed;
    return current == null ? 0 : current.droppedCount();
  }

  /** Datagrams received from a sender outside {@code udp.allow}, neither printed nor published. */
  public long deniedCount() {
    return denied.sum();
  }

  /**
   * Datagrams received past their sender's {@code udp.ratePerSender} (or from a new sender while the table of senders
   * was full), neither printed nor published.
   */
  public long overRateCount() {
    return overRate.sum();
  }

  /** The counters in words, as the stats and stop lines give them. */
  public String summary() {
    String line = receivedCount() + " datagrams received, " + printedCount() + " printed, " + droppedCount()
      + " dropped; " + kernelDroppedCount() + " dropped by the kernel before reading (receive buffer full)";
    if (restricted) {
      line += "; refused: " + deniedCount() + " not in udp.allow, " + overRateCount() + " over udp.ratePerSender";
    }
    FeedQueue current = feed;
    return current == null ? line : line + "; feed: " + current.sentCount() + " sent, " + current.droppedCount() + " dropped";
  }
}

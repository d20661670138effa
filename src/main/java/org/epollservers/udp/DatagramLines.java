package org.epollservers.udp;

import java.net.InetAddress;

/**
 * Turns one receiver's datagrams into lines and hands them to the printer a block at a time (one per read burst,
 * or sooner past 64 KiB), counting them and gathering them for the feed when there is one, after its gate, when
 * there is one, has let their sender through; confined to one event loop.
 */
final class DatagramLines {

  /** A block goes to the printer once it is this large, even in the middle of a burst. */
  static final int MAX_BLOCK_BYTES = 64 * 1024;

  private final DatagramFormatter formatter;
  private final LinePrinter printer;
  private final UdpTraffic traffic;
  private final DatagramFeed feed;
  private final SenderGate gate;
  private final BurstTime clock;
  private boolean timed;

  /**
   * @param feed where each datagram is also published; {@code null} for none
   * @param gate who may send; {@code null} for everyone
   */
  DatagramLines(DatagramFormatter formatter, LinePrinter printer, UdpTraffic traffic, DatagramFeed feed,
                SenderGate gate) {
    this.formatter = formatter;
    this.printer = printer;
    this.traffic = traffic;
    this.feed = feed;
    this.gate = gate;
    // The clock is read only when a line shows the time, once per burst.
    this.clock = formatter.showsTime() ? new BurstTime() : null;
  }

  /** Whether a datagram from {@code sender} is to be added; one refused is counted at the end of the burst. */
  boolean admits(InetAddress sender) {
    return gate == null || gate.admits(sender);
  }

  /** {@link #admits(InetAddress)} for a sender address written as a literal. */
  boolean admits(String sender) {
    return gate == null || gate.admits(sender);
  }

  /** Adds the datagram made of the first {@code length} bytes of {@code payload}, from {@code host} and {@code port}. */
  void add(String host, int port, byte[] payload, int length) {
    if (clock != null && !timed) {
      formatter.time(clock.now());
      timed = true;
    }
    formatter.append(host, port, payload, length);
    if (feed != null) {
      feed.add(host, port, payload, length);
    }
    if (formatter.size() >= MAX_BLOCK_BYTES) {
      endOfBurst();
    }
  }

  /** Hands the lines gathered so far to the printer. */
  void endOfBurst() {
    timed = false;
    int lines = formatter.lines();
    if (lines > 0) {
      traffic.received(lines);
      printer.offer(formatter.take(), lines);
    }
    if (gate != null) {
      traffic.refused(gate.takeDenied(), gate.takeOverRate());
    }
    if (feed != null) {
      feed.endOfBurst();
    }
  }
}

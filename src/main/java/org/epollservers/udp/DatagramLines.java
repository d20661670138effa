package org.epollservers.udp;

/**
 * Turns one receiver's datagrams into lines and hands them to the printer a block at a time (one per read burst,
 * or sooner past 64 KiB), counting them and gathering them for the feed when there is one; confined to one event loop.
 */
final class DatagramLines {

  /** A block goes to the printer once it is this large, even in the middle of a burst. */
  static final int MAX_BLOCK_BYTES = 64 * 1024;

  private final DatagramFormatter formatter = new DatagramFormatter();
  private final LinePrinter printer;
  private final UdpTraffic traffic;
  private final DatagramFeed feed;

  /** @param feed where each datagram is also published; {@code null} for none */
  DatagramLines(LinePrinter printer, UdpTraffic traffic, DatagramFeed feed) {
    this.printer = printer;
    this.traffic = traffic;
    this.feed = feed;
  }

  /** Adds the datagram made of the first {@code length} bytes of {@code payload}, from {@code host} and {@code port}. */
  void add(String host, int port, byte[] payload, int length) {
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
    int lines = formatter.lines();
    if (lines > 0) {
      traffic.received(lines);
      printer.offer(formatter.take(), lines);
    }
    if (feed != null) {
      feed.endOfBurst();
    }
  }
}

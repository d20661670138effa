package org.epollservers.udp;

import org.epollservers.feed.FeedBatch;
import org.epollservers.feed.FeedQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One receiver's datagrams gathered for the feed during a burst and handed to the process's feed queue at its end:
 * a copy of each payload and nothing more on the receive loop; encoding and sending happen elsewhere.
 */
final class DatagramFeed {

  /** Counted with each payload against the queue's bound: about what a datagram's objects cost beside its bytes. */
  private static final int OVERHEAD_BYTES = 64;

  private final FeedQueue queue;
  private List<FeedBatch.Datagram> datagrams = new ArrayList<>();
  private long bytes;

  DatagramFeed(FeedQueue queue) {
    this.queue = queue;
  }

  void add(String host, int port, byte[] payload, int length) {
    datagrams.add(new FeedBatch.Datagram(host, port, Arrays.copyOf(payload, length)));
    bytes += length + OVERHEAD_BYTES;
  }

  void endOfBurst() {
    if (!datagrams.isEmpty()) {
      queue.offer(new FeedBatch(System.currentTimeMillis(), datagrams, bytes));
      datagrams = new ArrayList<>();
      bytes = 0;
    }
  }
}

package org.epollservers.feed;

import java.util.List;

/**
 * The datagrams one receiver read in one burst, on their way to the feed.
 *
 * @param timeMillis when the burst was read, shared by its datagrams
 * @param datagrams sender and payload of each, payloads copied and owned by the batch
 * @param bytes the payloads' total size, what the feed's queue is bounded by
 */
public record FeedBatch(long timeMillis, List<Datagram> datagrams, long bytes) {

  /** One datagram: its sender and its payload. */
  public record Datagram(String host, int port, byte[] payload) {
  }
}

package org.epollservers.feed;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process's datagrams waiting to be published, handed over by the receive loops without waiting and taken by
 * the feed's sender; bounded in payload bytes, past which whole batches are dropped and counted, so a feed that
 * cannot keep up costs datagrams of the feed, never the receiver or the heap.
 */
public final class FeedQueue implements Shareable {

  private static final String MAP = "epoll-servers.feed";

  private final long maxBytes;
  private final ConcurrentLinkedQueue<FeedBatch> batches = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final LongAdder offered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final AtomicBoolean senderClaimed = new AtomicBoolean();
  private volatile int subscribers;

  private FeedQueue(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The process's feed queue, created by the first receiver that asks, with its bound. */
  public static FeedQueue of(Vertx vertx, long maxBytes) {
    return vertx.sharedData().<String, FeedQueue>getLocalMap(MAP).computeIfAbsent("queue", key -> new FeedQueue(maxBytes));
  }

  /** True for the first caller only: the one that starts the process's sender. */
  public boolean claimSender() {
    return senderClaimed.compareAndSet(false, true);
  }

  /** Queues a batch without waiting, or drops and counts it when the queue is full. */
  public void offer(FeedBatch batch) {
    int count = batch.datagrams().size();
    offered.add(count);
    if (queuedBytes.addAndGet(batch.bytes()) > maxBytes) {
      queuedBytes.addAndGet(-batch.bytes());
      dropped.add(count);
      return;
    }
    batches.add(batch);
  }

  /** The oldest batch waiting, or {@code null}. */
  FeedBatch poll() {
    FeedBatch batch = batches.poll();
    if (batch != null) {
      queuedBytes.addAndGet(-batch.bytes());
    }
    return batch;
  }

  /** Datagram deliveries that could not be made (to each subscriber without room for them). */
  void droppedOnTheWay(long datagrams) {
    dropped.add(datagrams);
  }

  /** Datagram deliveries made (one per subscriber per datagram). */
  void sentOnTheWay(long datagrams) {
    sent.add(datagrams);
  }

  void subscribers(int count) {
    subscribers = count;
  }

  /** Subscribers the sender knows of now. */
  public int subscriberCount() {
    return subscribers;
  }

  /** Datagrams handed to the feed. */
  public long offeredCount() {
    return offered.sum();
  }

  /** Datagrams (or deliveries of them to a subscriber) the feed dropped: its queue was full, or a subscriber was behind. */
  public long droppedCount() {
    return dropped.sum();
  }

  /** Deliveries of datagrams to subscribers. */
  public long sentCount() {
    return sent.sum();
  }
}

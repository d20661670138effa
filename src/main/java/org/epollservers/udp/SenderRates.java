package org.epollservers.udp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's datagram budget per source address, shared by every UDP instance: a token bucket per sender that
 * holds one second's worth, kept as the time its next datagram is due (lock-free, one compare-and-set per datagram),
 * for at most {@link #MAX_SENDERS} senders; a sender whose bucket has refilled is forgotten by {@link #sweep}.
 */
final class SenderRates implements Shareable {

  /** Senders tracked at once: about 150 bytes each, so about 10 MB at most. */
  static final int MAX_SENDERS = 65_536;

  /** How often forgotten senders are looked for. */
  static final long SWEEP_MILLIS = 1_000;

  private static final String MAP = "epoll-servers.udp-sender-rates";

  private final long intervalNanos;
  private final long toleranceNanos;
  private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger tracked = new AtomicInteger();
  private final AtomicBoolean sweeperClaimed = new AtomicBoolean();

  private SenderRates(int perSecond) {
    intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    // A full bucket lets perSecond datagrams through at once: the last is due (perSecond - 1) intervals ahead.
    toleranceNanos = (perSecond - 1) * intervalNanos;
  }

  /** The process's table for this rate, created by the first instance that asks. */
  static SenderRates of(Vertx vertx, int perSecond) {
    return vertx.sharedData().<String, SenderRates>getLocalMap(MAP)
      .computeIfAbsent("perSecond=" + perSecond, key -> new SenderRates(perSecond));
  }

  /** True for one caller at a time: the instance that runs {@link #sweep}, until it gives it back. */
  boolean claimSweeper() {
    return sweeperClaimed.compareAndSet(false, true);
  }

  void releaseSweeper() {
    sweeperClaimed.set(false);
  }

  /** The sender's bucket, new and full for a sender not tracked; {@code null} when the table is full. */
  Bucket bucket(InetAddress sender, long now) {
    Bucket known = buckets.get(sender);
    if (known != null) {
      return known;
    }
    if (tracked.incrementAndGet() > MAX_SENDERS) {
      tracked.decrementAndGet();
      return null;
    }
    Bucket fresh = new Bucket(now);
    Bucket raced = buckets.putIfAbsent(sender, fresh);
    if (raced != null) {
      tracked.decrementAndGet();
      return raced;
    }
    return fresh;
  }

  /** Takes one datagram's token from the bucket at time {@code now}; false when it is empty. */
  boolean take(Bucket bucket, long now) {
    while (true) {
      long due = bucket.due.get();
      long start = Math.max(due, now);
      if (start - now > toleranceNanos) {
        return false;
      }
      if (bucket.due.compareAndSet(due, start + intervalNanos)) {
        return true;
      }
    }
  }

  /** Forgets the senders whose bucket is full again: one that sends later starts with a full bucket anyway. */
  void sweep(long now) {
    buckets.forEach((sender, bucket) -> {
      if (bucket.due.get() - now <= 0 && buckets.remove(sender, bucket)) {
        bucket.forgotten = true;
        tracked.decrementAndGet();
      }
    });
  }

  /** Senders tracked now. */
  int size() {
    return tracked.get();
  }

  /** One sender's bucket: when its next datagram is due; it has tokens left while that is less than a second ahead. */
  static final class Bucket {
    private final AtomicLong due;
    private volatile boolean forgotten;

    private Bucket(long now) {
      due = new AtomicLong(now);
    }

    /** Whether the table dropped it, so that a receiver holding it must look its sender up again. */
    boolean forgotten() {
      return forgotten;
    }
  }
}

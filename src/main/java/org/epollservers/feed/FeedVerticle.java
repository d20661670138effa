package org.epollservers.feed;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.epollservers.node.NodeIdentity;
import org.epollservers.cluster.RejoiningConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends this process's datagrams to the feed's subscribers, each batch as a request the subscriber answers once it is
 * done with it: a subscriber gets at most its window of unanswered batches, so a slow or stopped one costs its own
 * deliveries (counted) and never the node's memory. One per process, deployed as a worker: encoding never runs on a
 * receive loop.
 */
public final class FeedVerticle extends VerticleBase {

  /** How often the queue is taken: datagrams reach subscribers within about this long. */
  static final long DRAIN_MILLIS = 5;

  /** An unanswered batch stops counting against its subscriber's window after this long (a stopped subscriber). */
  static final long ANSWER_TIMEOUT_MILLIS = 10_000;

  /** A message carries at most this many datagrams, or this many payload bytes, whichever comes first. */
  static final int MAX_DATAGRAMS_PER_MESSAGE = 1024;
  static final long MAX_BYTES_PER_MESSAGE = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);
  private static final DeliveryOptions ANSWER = new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MILLIS);

  private final FeedQueue queue;
  private final Map<String, Subscriber> subscribers = new HashMap<>();
  private long drainTimer;

  public FeedVerticle(FeedQueue queue) {
    this.queue = queue;
  }

  @Override
  public Future<?> start() {
    drainTimer = vertx.setPeriodic(DRAIN_MILLIS, tick -> drain());
    return RejoiningConsumer.<JsonObject>register(vertx, FeedMessages.SUBSCRIBE, message -> subscribed(message.body()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(drainTimer);
    drain();
    return Future.succeededFuture();
  }

  private void subscribed(JsonObject body) {
    String address = body == null ? null : body.getString("subscriber");
    if (address == null) {
      return;
    }
    int window = Math.max(1, Math.min(1024, body.getInteger("window", FeedMessages.DEFAULT_WINDOW)));
    Subscriber subscriber = subscribers.computeIfAbsent(address, known -> {
      LOG.info("feed: subscriber {} joined", known);
      return new Subscriber(window);
    });
    subscriber.window = window;
    subscriber.leaseEnds = System.currentTimeMillis() + FeedMessages.LEASE_MILLIS;
    queue.subscribers(subscribers.size());
  }

  private void drain() {
    long now = System.currentTimeMillis();
    subscribers.entrySet().removeIf(entry -> {
      boolean gone = entry.getValue().leaseEnds < now;
      if (gone) {
        LOG.info("feed: subscriber {} left (no renewal for {} ms)", entry.getKey(), FeedMessages.LEASE_MILLIS);
      }
      return gone;
    });
    queue.subscribers(subscribers.size());
    List<FeedBatch> pending = new ArrayList<>();
    int count = 0;
    long bytes = 0;
    for (FeedBatch batch = queue.poll(); batch != null; batch = queue.poll()) {
      pending.add(batch);
      count += batch.datagrams().size();
      bytes += batch.bytes();
      if (count >= MAX_DATAGRAMS_PER_MESSAGE || bytes >= MAX_BYTES_PER_MESSAGE) {
        send(pending, count);
        pending = new ArrayList<>();
        count = 0;
        bytes = 0;
      }
    }
    if (count > 0) {
      send(pending, count);
    }
  }

  /** Sends one message to every subscriber with room in its window; with none subscribed there is no one to lose it. */
  private void send(List<FeedBatch> batches, int count) {
    JsonObject message = null;
    for (Map.Entry<String, Subscriber> entry : subscribers.entrySet()) {
      Subscriber subscriber = entry.getValue();
      if (subscriber.unanswered >= subscriber.window) {
        queue.droppedOnTheWay(count);
        continue;
      }
      if (message == null) {
        message = FeedMessages.batch(NodeIdentity.id(), batches);
      }
      subscriber.unanswered++;
      queue.sentOnTheWay(count);
      String address = entry.getKey();
      vertx.eventBus().request(address, message, ANSWER).onComplete(answer -> {
        subscriber.unanswered--;
        if (answer.failed() && answer.cause() instanceof ReplyException failure
          && failure.failureType() == ReplyFailure.NO_HANDLERS && subscribers.remove(address, subscriber)) {
          LOG.info("feed: subscriber {} left (nothing listens there any more)", address);
          queue.subscribers(subscribers.size());
        }
      });
    }
  }

  /** A subscriber's window (batches it may leave unanswered), how many it has, and when its lease ends. */
  private static final class Subscriber {

    private int window;
    private int unanswered;
    private long leaseEnds;

    Subscriber(int window) {
      this.window = window;
    }
  }
}

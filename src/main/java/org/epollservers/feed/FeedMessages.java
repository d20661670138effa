package org.epollservers.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;

/**
 * The feed's protocol on the event bus, all JSON: subscribers announce themselves; nodes send them datagrams in
 * batches, each a request the subscriber answers (any body) once done with it, at most a window of them unanswered.
 */
public final class FeedMessages {

  /** Published by a subscriber every {@link #RENEW_MILLIS}: {@code {"subscriber": address, "window": batches}}. */
  public static final String SUBSCRIBE = "udp.datagrams.subscribe";

  /** How often a subscriber renews its subscription; a node forgets one silent for {@link #LEASE_MILLIS}. */
  public static final long RENEW_MILLIS = 2_000;

  public static final long LEASE_MILLIS = 10_000;

  /** Batches a subscriber may leave unanswered, from one node, unless it asks for another window. */
  public static final int DEFAULT_WINDOW = 16;

  private FeedMessages() {
  }

  public static JsonObject subscribe(String subscriber, int window) {
    return new JsonObject().put("subscriber", subscriber).put("window", window);
  }

  /**
   * {@code {"node", "datagrams": [{"host", "port", "time", "base64"}, ...]}}, time in RFC 3339 (UTC), the payload
   * whole in base64: consumers escape it themselves before showing it.
   */
  public static JsonObject batch(String node, Iterable<FeedBatch> batches) {
    JsonArray datagrams = new JsonArray();
    Base64.Encoder base64 = Base64.getEncoder();
    for (FeedBatch batch : batches) {
      String time = Instant.ofEpochMilli(batch.timeMillis()).toString();
      for (FeedBatch.Datagram datagram : batch.datagrams()) {
        datagrams.add(new JsonObject()
          .put("host", datagram.host())
          .put("port", datagram.port())
          .put("time", time)
          .put("base64", base64.encodeToString(datagram.payload())));
      }
    }
    return new JsonObject().put("node", node).put("datagrams", datagrams);
  }
}

package org.epollservers.udp;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.epollservers.cluster.NodeIdentity;

import java.time.Instant;
import java.util.Base64;

/**
 * Publishes each datagram on the event bus as a JSON message, so consumers anywhere in the cluster, in any
 * language, see every node's datagrams.
 */
public final class DatagramFeed {

  /** The event-bus address of the feed. */
  public static final String ADDRESS = "udp.datagrams";

  private final EventBus bus;
  private final String node;

  private DatagramFeed(EventBus bus, String node) {
    this.bus = bus;
    this.node = node;
  }

  static DatagramFeed publisher(Vertx vertx) {
    return new DatagramFeed(vertx.eventBus(), NodeIdentity.id());
  }

  void publish(String host, int port, byte[] payload, String escapedText) {
    bus.publish(ADDRESS, message(node, host, port, payload, escapedText, Instant.now()));
  }

  /** The message schema: node, sender host and port, payload escaped as text and whole as base64, and time. */
  static JsonObject message(String node, String host, int port, byte[] payload, String escapedText, Instant time) {
    return new JsonObject()
      .put("node", node)
      .put("host", host)
      .put("port", port)
      .put("text", escapedText)
      .put("base64", Base64.getEncoder().encodeToString(payload))
      .put("time", time.toString());
  }
}

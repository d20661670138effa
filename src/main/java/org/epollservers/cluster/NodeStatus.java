package org.epollservers.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One node's answer to a status request, as sent on the event bus.
 *
 * @param role {@code servers} for a node running TCP and UDP, {@code tail} for a tail node
 * @param responses responses served over TCP
 */
public record NodeStatus(String node, String role, String transport, long uptimeSeconds, long responses, Udp udp) {

  /** The event-bus address status requests are published on; the body is {@code {"replyTo": "<address>"}}. */
  public static final String ADDRESS = "epoll-servers.status";

  /**
   * What became of a node's datagrams.
   *
   * @param refused turned away by sender ({@code udp.allow}, {@code udp.ratePerSender}); received, never printed
   * @param dropped lost on the way to stdout (no room, or a failed write)
   * @param kernelDropped lost in the kernel before they could be read (receive buffer full)
   * @param feedDropped deliveries to feed subscribers dropped (feed queue full, or a subscriber behind)
   */
  public record Udp(long received, long refused, long printed, long dropped, long kernelDropped, long feedDropped) {
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("node", node)
      .put("role", role)
      .put("transport", transport)
      .put("uptimeSeconds", uptimeSeconds)
      .put("tcp", new JsonObject().put("responses", responses))
      .put("udp", new JsonObject().put("received", udp.received()).put("refused", udp.refused())
        .put("printed", udp.printed()).put("dropped", udp.dropped()).put("kernelDropped", udp.kernelDropped())
        .put("feedDropped", udp.feedDropped()));
  }

  public static NodeStatus fromJson(JsonObject json) {
    JsonObject tcp = json.getJsonObject("tcp", new JsonObject());
    JsonObject udp = json.getJsonObject("udp", new JsonObject());
    return new NodeStatus(json.getString("node", "?"), json.getString("role", "?"), json.getString("transport", "?"),
      json.getLong("uptimeSeconds", 0L), tcp.getLong("responses", 0L), new Udp(udp.getLong("received", 0L),
      udp.getLong("refused", 0L), udp.getLong("printed", 0L), udp.getLong("dropped", 0L), udp.getLong("kernelDropped", 0L),
      udp.getLong("feedDropped", 0L)));
  }
}

package org.epollservers.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One node's answer to a status request, as sent on the event bus.
 *
 * @param role {@code servers} for a node running TCP and UDP, {@code tail} for a tail node
 * @param connections responses served over TCP
 */
public record NodeStatus(String node, String role, String transport, long uptimeSeconds, long connections, long received,
                         long printed, long dropped) {

  /** The event-bus address status requests are published on; the body is {@code {"replyTo": "<address>"}}. */
  public static final String ADDRESS = "epoll-servers.status";

  public JsonObject toJson() {
    return new JsonObject()
      .put("node", node)
      .put("role", role)
      .put("transport", transport)
      .put("uptimeSeconds", uptimeSeconds)
      .put("tcp", new JsonObject().put("responses", connections))
      .put("udp", new JsonObject().put("received", received).put("printed", printed).put("dropped", dropped));
  }

  public static NodeStatus fromJson(JsonObject json) {
    JsonObject tcp = json.getJsonObject("tcp", new JsonObject());
    JsonObject udp = json.getJsonObject("udp", new JsonObject());
    return new NodeStatus(json.getString("node", "?"), json.getString("role", "?"), json.getString("transport", "?"), json.getLong("uptimeSeconds", 0L),
      tcp.getLong("responses", 0L), udp.getLong("received", 0L), udp.getLong("printed", 0L), udp.getLong("dropped", 0L));
  }
}

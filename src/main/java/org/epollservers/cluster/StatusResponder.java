package org.epollservers.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.node.NodeIdentity;
import org.epollservers.tcp.TcpTraffic;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Answers the status command for this node with its transport, uptime and traffic counters. */
public final class StatusResponder {

  private StatusResponder() {
  }

  /**
   * Registers the responder; completes once the subscription has reached the cluster.
   *
   * @param udp the node's datagram counters, read at each request
   * @param tcp the node's TCP counters, or {@code null} for a node without servers
   */
  public static Future<Void> register(Vertx vertx, String role, String transport, Supplier<NodeStatus.Udp> udp,
                                      TcpTraffic tcp) {
    Instant started = Instant.now();
    return RejoiningConsumer.<JsonObject>register(vertx, NodeStatus.ADDRESS, request -> {
      String replyTo = request.body() == null ? null : request.body().getString("replyTo");
      if (replyTo != null) {
        NodeStatus status = new NodeStatus(NodeIdentity.id(), role, transport,
          Duration.between(started, Instant.now()).toSeconds(), tcp == null ? 0 : tcp.responses(), udp.get());
        vertx.eventBus().send(replyTo, status.toJson());
      }
    });
  }
}

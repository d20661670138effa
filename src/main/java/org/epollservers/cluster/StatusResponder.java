package org.epollservers.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.tcp.TcpTraffic;
import org.epollservers.udp.UdpTraffic;

import java.time.Duration;
import java.time.Instant;

/** Answers the status command for this node with its transport, uptime and traffic counters. */
public final class StatusResponder {

  private StatusResponder() {
  }

  /** Registers the responder; completes once the subscription has reached the cluster. */
  public static Future<Void> register(Vertx vertx, String transport, TcpTraffic tcp, UdpTraffic udp) {
    Instant started = Instant.now();
    return vertx.eventBus().<JsonObject>consumer(NodeStatus.ADDRESS, request -> {
      String replyTo = request.body() == null ? null : request.body().getString("replyTo");
      if (replyTo != null) {
        NodeStatus status = new NodeStatus(NodeIdentity.id(), transport, Duration.between(started, Instant.now()).toSeconds(),
          tcp.responses(), udp.receivedCount(), udp.printedCount(), udp.droppedCount());
        vertx.eventBus().send(replyTo, status.toJson());
      }
    }).completion();
  }
}

package org.epollservers.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.epollservers.udp.DatagramFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The cluster status command: asks every node over the event bus, prints one row per node that answered within
 * {@code STATUS_WAIT_MILLIS} (default 3000) on stdout, and ends the process (exit 1 when no node answered).
 */
public final class StatusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StatusVerticle.class);
  private static final String FORMAT = "%-28s %-8s %-10s %8s %12s %10s %10s %10s%n";

  @Override
  public Future<?> start() {
    if (!vertx.isClustered()) {
      LOG.warn("status asks the nodes of a cluster: start it with -cluster");
    }
    List<NodeStatus> answers = new ArrayList<>();
    String replyTo = NodeStatus.ADDRESS + ".reply." + UUID.randomUUID();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(replyTo, reply -> answers.add(NodeStatus.fromJson(reply.body())));
    Promise<Void> collected = Promise.promise();
    consumer.completion()
      .onSuccess(ready -> {
        vertx.eventBus().publish(NodeStatus.ADDRESS, new JsonObject().put("replyTo", replyTo));
        vertx.setTimer(waitMillis(), done -> collected.complete());
      })
      .onFailure(collected::fail);
    // The command's work is done after start: print, then end the process whatever deploys next.
    collected.future().onComplete(done -> {
      print(answers);
      vertx.close().onComplete(closed -> System.exit(answers.isEmpty() ? 1 : 0));
    });
    return Future.succeededFuture();
  }

  private static void print(List<NodeStatus> answers) {
    answers.sort(Comparator.comparing(NodeStatus::node));
    StringBuilder table = new StringBuilder(String.format(FORMAT, "NODE", "ROLE", "TRANSPORT", "UPTIME", "CONNECTIONS",
      "RECEIVED", "PRINTED", "DROPPED"));
    for (NodeStatus node : answers) {
      table.append(String.format(FORMAT, safe(node.node()), safe(node.role()), safe(node.transport()), node.uptimeSeconds() + "s", node.connections(),
        node.received(), node.printed(), node.dropped()));
    }
    System.out.print(table);
    System.out.flush();
    if (answers.isEmpty()) {
      LOG.error("no node answered on {}", NodeStatus.ADDRESS);
    }
  }

  /** Answers come from the network: escape them like datagram payloads before they reach a terminal. */
  private static String safe(String text) {
    return new DatagramFormatter().escape(text.getBytes(StandardCharsets.UTF_8)).replace(' ', '_');
  }

  private static long waitMillis() {
    String given = System.getenv("STATUS_WAIT_MILLIS");
    try {
      return given == null ? 3000 : Math.max(100, Long.parseLong(given.trim()));
    } catch (NumberFormatException e) {
      return 3000;
    }
  }
}

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cluster status command: asks every node over the event bus until each other member of the cluster has answered
 * (or {@code STATUS_WAIT_MILLIS}, default 10000, has passed), prints one row per node on stdout, and ends the process
 * (exit 1 when no node answered).
 */
public final class StatusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StatusVerticle.class);
  private static final String FORMAT = "%-28s %-8s %-10s %8s %12s %10s %10s %10s %10s %12s %10s%n";
  private static final long DEFAULT_WAIT_MILLIS = 10_000;
  /** A member still starting may not have subscribed yet: the question is asked again this often until all answer. */
  private static final long ASK_AGAIN_MILLIS = 500;

  @Override
  public Future<?> start() {
    if (!vertx.isClustered()) {
      LOG.warn("status asks the nodes of a cluster: start it with -cluster");
    }
    Map<String, NodeStatus> answers = new TreeMap<>();
    String replyTo = NodeStatus.ADDRESS + ".reply." + UUID.randomUUID();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(replyTo, reply -> {
      NodeStatus status = NodeStatus.fromJson(reply.body());
      answers.put(status.node(), status);
    });
    Promise<Void> collected = Promise.promise();
    long deadline = System.nanoTime() + waitMillis() * 1_000_000;
    consumer.completion()
      .onSuccess(ready -> ask(replyTo, answers, deadline, collected))
      .onFailure(collected::fail);
    // The command's work is done after start: print, then end the process whatever deploys next.
    collected.future().onComplete(done -> {
      print(List.copyOf(answers.values()));
      vertx.close().onComplete(closed -> System.exit(answers.isEmpty() ? 1 : 0));
    });
    return Future.succeededFuture();
  }

  /** Publishes the question, then again every {@link #ASK_AGAIN_MILLIS} until every other member answered. */
  private void ask(String replyTo, Map<String, NodeStatus> answers, long deadline, Promise<Void> collected) {
    int others = ClusterMembers.count() - 1;
    if ((others > 0 && answers.size() >= others) || System.nanoTime() - deadline >= 0) {
      collected.tryComplete();
      return;
    }
    vertx.eventBus().publish(NodeStatus.ADDRESS, new JsonObject().put("replyTo", replyTo));
    vertx.setTimer(ASK_AGAIN_MILLIS, again -> ask(replyTo, answers, deadline, collected));
  }

  private static void print(List<NodeStatus> answers) {
    StringBuilder table = new StringBuilder(String.format(FORMAT, "NODE", "ROLE", "TRANSPORT", "UPTIME", "RESPONSES",
      "RECEIVED", "REFUSED", "PRINTED", "DROPPED", "KERNEL-DROPS", "FEED-DROPS"));
    answers.stream().sorted(Comparator.comparing(NodeStatus::node)).forEach(node -> {
      NodeStatus.Udp udp = node.udp();
      table.append(String.format(FORMAT, safe(node.node()), safe(node.role()), safe(node.transport()), node.uptimeSeconds() + "s",
        node.responses(), udp.received(), udp.refused(), udp.printed(), udp.dropped(), udp.kernelDropped(), udp.feedDropped()));
    });
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
      return given == null ? DEFAULT_WAIT_MILLIS : Math.max(100, Long.parseLong(given.trim()));
    } catch (NumberFormatException e) {
      return DEFAULT_WAIT_MILLIS;
    }
  }
}

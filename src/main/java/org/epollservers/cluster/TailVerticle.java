package org.epollservers.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.epollservers.config.AppConfig;
import org.epollservers.config.UdpConfig;
import org.epollservers.feed.FeedMessages;
import org.epollservers.transport.TransportSelector;
import org.epollservers.udp.BurstTime;
import org.epollservers.udp.DatagramFormatter;
import org.epollservers.udp.LinePrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code tail} node: binds no server, subscribes to the feed of every node of the cluster and prints each
 * datagram as {@code <node> <ip> <port> <payload>} (or in the {@code udp.format} of its own configuration), escaped
 * here again, as a message cannot be trusted to be; it answers each batch once printed, so a tail that falls behind
 * slows nothing but its own feed.
 */
public final class TailVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TailVerticle.class);
  private static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

  private final OutputStream output;
  private final DatagramFormatter escaper = new DatagramFormatter();
  private DatagramFormatter formatter;
  private boolean json;
  private final Set<String> nodes = new HashSet<>();
  private final String address = FeedMessages.SUBSCRIBE + ".subscriber." + UUID.randomUUID();
  private LinePrinter printer;
  private Duration shutdownGrace;
  private long received;
  private long malformed;

  /** Prints to the process's standard output. */
  public TailVerticle() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  /** Prints to the given stream, for embedding and tests. */
  public TailVerticle(OutputStream output) {
    this.output = output;
  }

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "TailVerticle config").compose(config -> {
      shutdownGrace = config.tcp().exchange().shutdownGrace();
      // Printed in the format this node's own configuration asks for, each line naming the node it came from.
      json = config.udp().output().format() == UdpConfig.Format.JSON;
      formatter = new DatagramFormatter(config.udp().output().format(), config.udp().output().timestamps());
      printer = LinePrinter.start(output, MAX_QUEUED_BYTES, "tail-printer");
      return RejoiningConsumer.<JsonObject>register(vertx, address, message -> {
        print(message.body());
        // Done with this batch: the node may send the next one.
        message.reply(null);
      })
        .compose(subscribed -> {
          subscribe();
          vertx.setPeriodic(FeedMessages.RENEW_MILLIS, renew -> subscribe());
          return answerStatus(config);
        })
        .onSuccess(ok -> LOG.info("tail: printing the datagrams of every node publishing to the feed"));
    });
  }

  private void subscribe() {
    vertx.eventBus().publish(FeedMessages.SUBSCRIBE, FeedMessages.subscribe(address, FeedMessages.DEFAULT_WINDOW));
  }

  /** The tail is a node too: the status command lists it, with what it printed. */
  private Future<Void> answerStatus(AppConfig config) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    return StatusResponder.register(vertx, "tail", new TransportSelector(config.transport()).name(vertx),
      () -> new NodeStatus.Udp(received, 0, printer.printed(), printer.dropped(), 0, 0), null);
  }

  private void print(Object body) {
    if (!(body instanceof JsonObject batch)) {
      malformed++;
      return;
    }
    try {
      String node = field(batch.getString("node", "?"));
      nodes.add(node);
      JsonArray datagrams = batch.getJsonArray("datagrams", new JsonArray());
      byte[] block = json ? jsonLines(node, datagrams) : lines(node, datagrams);
      received += datagrams.size();
      printer.offer(block, datagrams.size());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | DateTimeException bad) {
      formatter.take();
      malformed++;
    }
  }

  /** Text or hex, as the node prints them, with the node's name before the sender's address. */
  private byte[] lines(String node, JsonArray datagrams) {
    for (int i = 0; i < datagrams.size(); i++) {
      JsonObject datagram = datagrams.getJsonObject(i);
      byte[] payload = Base64.getDecoder().decode(datagram.getString("base64", ""));
      if (formatter.showsTime()) {
        formatter.time(time(datagram).getBytes(StandardCharsets.US_ASCII));
      }
      formatter.append(node + " " + field(datagram.getString("host", "?")), datagram.getInteger("port", 0), payload,
        payload.length);
    }
    return formatter.take();
  }

  /** JSON as the node prints it, with a {@code node} field. */
  private byte[] jsonLines(String node, JsonArray datagrams) {
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < datagrams.size(); i++) {
      JsonObject datagram = datagrams.getJsonObject(i);
      String base64 = datagram.getString("base64", "");
      byte[] payload = Base64.getDecoder().decode(base64);
      block.append(new JsonObject().put("time", time(datagram)).put("node", node)
        .put("host", field(datagram.getString("host", "?"))).put("port", datagram.getInteger("port", 0))
        .put("size", payload.length).put("text", escaper.escape(payload)).put("base64", base64).encode()).append('\n');
    }
    return block.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The time the node read the datagram, to the millisecond. */
  private static String time(JsonObject datagram) {
    return BurstTime.format(Instant.parse(datagram.getString("time")).toEpochMilli());
  }

  /** A word of the line: escaped like a payload, with spaces replaced so the columns stay apart. */
  private String field(String text) {
    return escaper.escape(text.getBytes(StandardCharsets.UTF_8)).replace(' ', '_');
  }

  @Override
  public Future<?> stop() {
    return Future.fromCompletionStage(printer.close(shutdownGrace), context)
      .onComplete(done -> LOG.info("tail stopped: {} datagrams received from {} nodes, {} printed, {} dropped, "
        + "{} malformed messages skipped", received, nodes.size(), printer.printed(), printer.dropped(), malformed));
  }
}

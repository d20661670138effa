package org.epollservers.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.epollservers.config.AppConfig;
import org.epollservers.transport.TransportSelector;
import org.epollservers.udp.DatagramFeed;
import org.epollservers.udp.DatagramFormatter;
import org.epollservers.udp.LinePrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The {@code tail} node: binds no server and prints every datagram published by any node of the cluster as
 * {@code <node> <ip> <port> <payload>}, escaped here again, as a message cannot be trusted to be.
 */
public final class TailVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TailVerticle.class);
  private static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

  private final DatagramFormatter formatter = new DatagramFormatter();
  private LinePrinter printer;
  private Duration shutdownGrace = Duration.ofSeconds(5);

  @Override
  public Future<?> start() {
    printer = LinePrinter.start(new FileOutputStream(FileDescriptor.out), MAX_QUEUED_BYTES, "tail-printer");
    return vertx.eventBus().<JsonObject>consumer(DatagramFeed.ADDRESS, message -> print(message.body()))
      .completion()
      .compose(subscribed -> answerStatus())
      .onSuccess(ok -> LOG.info("tail: printing every datagram published on {}", DatagramFeed.ADDRESS));
  }

  /** The tail is a node too: the status command lists it, with no traffic of its own. */
  private Future<Void> answerStatus() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    return AppConfig.parse(config(), "TailVerticle config").compose(config -> {
      shutdownGrace = config.tcp().shutdownGrace();
      return StatusResponder.register(vertx, "tail", new TransportSelector(config.transport()).name(vertx), null, null);
    });
  }

  private void print(Object body) {
    if (!(body instanceof JsonObject datagram)) {
      return;
    }
    try {
      byte[] payload = Base64.getDecoder().decode(datagram.getString("base64", ""));
      String line = field(datagram.getString("node", "?")) + ' ' + field(datagram.getString("host", "?")) + ' '
        + datagram.getInteger("port", 0) + ' ' + formatter.escape(payload) + '\n';
      printer.offer(line.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | ClassCastException malformed) {
      LOG.warn("tail: skipped a malformed message on {}", DatagramFeed.ADDRESS);
    }
  }

  /** A word of the line: escaped like a payload, with spaces replaced so the columns stay apart. */
  private String field(String text) {
    return formatter.escape(text.getBytes(StandardCharsets.UTF_8)).replace(' ', '_');
  }

  @Override
  public Future<?> stop() {
    return Future.fromCompletionStage(printer.close(shutdownGrace), context);
  }
}

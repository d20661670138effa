package org.epollservers.udp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends datagrams through a throwaway receiver of the kind the real one will be, once per process, before the real
 * one binds: then the JIT has compiled the receive path before the first real datagram. Cold, on one core, the JVM
 * fell behind a steady 100,000/s for its first fraction of a second and the kernel dropped thousands.
 */
final class ReceiveWarmUp implements Shareable {

  private static final String MAP = "epoll-servers.udp-warm-up";
  /** At most this long, however many datagrams were asked for. */
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** The sender waits while this many it sent are not yet read, so the throwaway socket's buffer never overflows. */
  private static final int IN_FLIGHT = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveWarmUp.class);

  private final Future<Void> done;

  private ReceiveWarmUp(Future<Void> done) {
    this.done = done;
  }

  /**
   * The process's warm-up, started by the first caller: {@code datagrams} sent from this process to a receiver from
   * {@code kind} on 127.0.0.1, read, formatted (by a fresh formatter from {@code format}, so the format in use is the
   * one compiled) and printed into nothing. Completes when done, at once for 0.
   */
  static Future<Void> once(Vertx vertx, Supplier<DatagramReceiver> kind, Supplier<DatagramFormatter> format,
                           int receiveBufferBytes, int datagrams) {
    if (datagrams == 0) {
      return Future.succeededFuture();
    }
    return vertx.sharedData().<String, ReceiveWarmUp>getLocalMap(MAP)
      .computeIfAbsent("warm-up", key -> new ReceiveWarmUp(run(vertx, kind.get(), format.get(), receiveBufferBytes, datagrams))).done;
  }

  private static Future<Void> run(Vertx vertx, DatagramReceiver receiver, DatagramFormatter formatter,
                                  int receiveBufferBytes, int datagrams) {
    long start = System.nanoTime();
    LinePrinter nowhere = LinePrinter.start(OutputStream.nullOutputStream(), 1 << 20, "udp-warm-up");
    UdpTraffic counted = new UdpTraffic();
    DatagramLines lines = new DatagramLines(formatter, nowhere, counted, null, null);
    return receiver.listen("127.0.0.1", 0, false, receiveBufferBytes, lines)
      .compose(port -> vertx.executeBlocking(() -> send(port, datagrams, counted)))
      .eventually(receiver::close)
      .eventually(() -> Future.fromCompletionStage(nowhere.close(Duration.ZERO)))
      .onSuccess(sent -> LOG.info("udp warmed up: {} datagrams through the receive path in {} ms", counted.receivedCount(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)))
      .recover(failure -> {
        // A machine where even this fails will show it at the real bind; a cold start is no reason to stop.
        LOG.info("udp warm-up skipped: {}", failure.getMessage());
        return Future.succeededFuture();
      })
      .mapEmpty();
  }

  /** Blocking: sends numbered 64-byte datagrams, staying at most {@link #IN_FLIGHT} ahead of the receiver. */
  private static Integer send(int port, int datagrams, UdpTraffic counted) throws IOException {
    long deadline = System.nanoTime() + MAX_NANOS;
    try (DatagramChannel out = DatagramChannel.open()) {
      out.connect(new InetSocketAddress("127.0.0.1", port));
      byte[] payload = String.format("%-64s", "warm-up").getBytes(StandardCharsets.US_ASCII);
      int sent = 0;
      while (sent < datagrams && System.nanoTime() < deadline) {
        if (sent - counted.receivedCount() < IN_FLIGHT) {
          out.write(ByteBuffer.wrap(payload));
          sent++;
        } else {
          Thread.onSpinWait();
        }
      }
      return sent;
    }
  }
}

package org.epollservers.udp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.epollservers.config.AppConfig;
import org.epollservers.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;


/**
 * Prints every datagram it receives as one escaped line {@code <ip> <port> <payload>} on stdout (or a given
 * stream); configured by the {@code udp} section of its JSON config.
 */
public final class UdpVerticle extends VerticleBase {

  /** At stop, the socket is closed once it has been quiet this long... */
  static final long DRAIN_QUIET_MILLIS = 50;

  /** ...or once this much time has passed. */
  static final long DRAIN_MAX_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(UdpVerticle.class);

  private final OutputStream output;
  private final DatagramFormatter formatter = new DatagramFormatter();
  private LinePrinter printer;
  private DatagramSocket socket;
  private final AtomicLong received = new AtomicLong();

  /** Prints to the process's standard output. */
  public UdpVerticle() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  /** Prints to the given stream, for embedding and tests. */
  public UdpVerticle(OutputStream output) {
    this.output = output;
  }

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "UdpVerticle config").map(AppConfig::udp).compose(this::listen);
  }

  private Future<DatagramSocket> listen(UdpConfig config) {
    printer = LinePrinter.start(output, config.printBufferBytes(), "udp-printer");
    // Without a receive buffer size Vert.x cuts datagrams at 2048 bytes; with one, it reads into buffers that large.
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(config.receiveBufferBytes()));
    socket.handler(this::print);
    return socket.listen(config.port(), config.host())
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "udp.port " + config.port() + " on " + config.host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onFailure(ignored -> printer.close())
      .onSuccess(bound -> {
        LOG.info("udp listening on {}:{}", config.host(), bound.localAddress().port());
        reportReceiveBuffer(config.receiveBufferBytes());
        if (!config.statsInterval().isZero()) {
          vertx.setPeriodic(config.statsInterval().toMillis(), tick -> LOG.info("udp {}", counters()));
        }
      });
  }

  private void reportReceiveBuffer(int asked) {
    vertx.executeBlocking(() -> ReceiveBufferProbe.granted(asked)).onComplete(probe -> {
      if (probe.failed()) {
        LOG.warn("udp receive buffer: cannot tell what the kernel grants: {}", probe.cause().getMessage());
      } else if (probe.result() < asked) {
        LOG.warn("udp.receiveBufferBytes {} asked, kernel granted {} (raise net.core.rmem_max to get more)",
          asked, probe.result());
      }
    });
  }

  private String counters() {
    return received.get() + " datagrams received, " + printer.printed() + " printed, " + printer.dropped() + " dropped";
  }

  private void print(DatagramPacket packet) {
    received.incrementAndGet();
    printer.offer(formatter.format(packet.sender().host(), packet.sender().port(), packet.data().getBytes()));
  }

  @Override
  public Future<?> stop() {
    // Read what the kernel already holds, stop receiving, then let every datagram taken reach the output.
    Future<Void> closed = socket == null ? Future.succeededFuture() : drainSocket().compose(quiet -> socket.close());
    return closed.eventually(() -> Future.fromCompletionStage(printer.close(), context))
      .onComplete(done -> LOG.info("udp stopped: {}", counters()));
  }

  /**
   * Completes once no datagram has arrived for {@link #DRAIN_QUIET_MILLIS}, or after {@link #DRAIN_MAX_MILLIS}
   * under a flood, so datagrams waiting in the socket's kernel buffer at shutdown are printed, not discarded.
   */
  private Future<Void> drainSocket() {
    Promise<Void> quiet = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MAX_MILLIS);
    long[] seen = {received.get()};
    vertx.setPeriodic(DRAIN_QUIET_MILLIS, timer -> {
      long now = received.get();
      if (now == seen[0] || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        quiet.tryComplete();
      }
      seen[0] = now;
    });
    return quiet.future();
  }

  /** Datagrams taken from the socket so far. */
  public long received() {
    return received.get();
  }

  /** The port really bound, useful when the configured port is 0; -1 before the socket listens. */
  public int actualPort() {
    return socket == null || socket.localAddress() == null ? -1 : socket.localAddress().port();
  }
}

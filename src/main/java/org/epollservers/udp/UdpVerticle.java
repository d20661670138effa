package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import org.epollservers.config.AppConfig;
import org.epollservers.config.UdpConfig;
import org.epollservers.feed.FeedMessages;
import org.epollservers.feed.FeedQueue;
import org.epollservers.feed.FeedVerticle;
import org.epollservers.health.ServerHealth;
import org.epollservers.transport.PortGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Prints every datagram it receives as one escaped line {@code <ip> <port> <payload>} (or as JSON or a hex dump) on
 * stdout (or a given stream), from the senders it allows, and publishes it on the event bus when asked; configured by
 * the {@code udp} section of its JSON config.
 */
public final class UdpVerticle extends VerticleBase {

  /** At stop, the socket is closed once it has been quiet this long... */
  static final long DRAIN_QUIET_MILLIS = 50;

  /** ...or once this much time has passed. */
  static final long DRAIN_MAX_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(UdpVerticle.class);

  private final OutputStream output;
  private LinePrinter printer;
  private Function<Duration, CompletableFuture<Void>> releasePrinter;
  private Duration shutdownGrace;
  private UdpTraffic traffic;
  private DatagramReceiver receiver;
  private int actualPort = -1;
  /** The senders' table this instance sweeps, to be handed on at stop; {@code null} when another does it. */
  private SenderRates sweeping;

  /** Prints to the process's standard output, shared with the other UDP instances. */
  public UdpVerticle() {
    this(null);
  }

  /** Prints to the given stream, for embedding and tests. */
  public UdpVerticle(OutputStream output) {
    this.output = output;
  }

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "UdpVerticle config").compose(config -> {
      // The process's one stop deadline also bounds how long lines may take to reach a slow output.
      shutdownGrace = config.tcp().exchange().shutdownGrace();
      return listen(config.udp());
    });
  }

  private Future<Integer> listen(UdpConfig config) {
    traffic = UdpTraffic.of(vertx);
    if (output == null) {
      printer = StdoutPrinter.acquire(config.output().printBufferBytes());
      releasePrinter = StdoutPrinter::release;
    } else {
      printer = LinePrinter.start(output, config.output().printBufferBytes(), "udp-printer");
      releasePrinter = printer::close;
    }
    traffic.printTo(printer);
    DatagramFormatter formatter = new DatagramFormatter(config.output().format(), config.output().timestamps());
    DatagramLines lines = new DatagramLines(formatter, printer, traffic,
      config.output().publish() ? startFeed(config) : null, gate(config.senders()));
    if (config.endpoint().reusePort() && !vertx.isNativeTransportEnabled()) {
      LOG.warn("udp.reusePort needs a native transport; on nio the port cannot be shared");
    }
    // Instances share the port with SO_REUSEPORT, each with a socket of its own that the kernel spreads datagrams over.
    boolean grouped = context.getInstanceCount() > 1;
    boolean reusePort = config.endpoint().reusePort() || grouped;
    Future<Void> claimed = grouped && !config.endpoint().reusePort()
      ? PortGuard.claim(vertx, PortGuard.Protocol.UDP, config.endpoint().host(), config.endpoint().port()) : Future.succeededFuture();
    Supplier<DatagramReceiver> kind = config.receiving().batched() ? () -> new BatchReceiver(context) : () -> new VertxReceiver(vertx);
    receiver = kind.get();
    int receiveBufferBytes = receiver.receiveBufferBytes(config.receiving().receiveBufferBytes());
    if (receiveBufferBytes < config.receiving().receiveBufferBytes()) {
      LOG.info("udp.receiver vertx uses at most {} of udp.receiveBufferBytes {}", receiveBufferBytes, config.receiving().receiveBufferBytes());
    }
    return claimed
      .compose(free -> ReceiveWarmUp.once(vertx, kind,
        () -> new DatagramFormatter(config.output().format(), config.output().timestamps()), receiveBufferBytes,
        config.receiving().warmUpDatagrams()))
      .compose(warm -> receiver.listen(config.endpoint().host(), config.endpoint().port(), reusePort, receiveBufferBytes, lines))
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "udp.port " + config.endpoint().port() + " on " + config.endpoint().host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onFailure(ignored -> releasePrinter.apply(Duration.ZERO))
      .onSuccess(port -> {
        actualPort = port;
        traffic.socketBound(port);
        ServerHealth.of(vertx).udpUp();
        LOG.atInfo().addKeyValue("host", config.endpoint().host()).addKeyValue("port", port)
          .log("udp listening on {}:{} ({}){}", config.endpoint().host(), port, receiver.description(),
            config.output().publish() ? ", publishing to the feed's subscribers (" + FeedMessages.SUBSCRIBE + ")" : "");
        reportReceiveBuffer(receiveBufferBytes);
        if (!config.output().statsInterval().isZero()) {
          vertx.setPeriodic(config.output().statsInterval().toMillis(), tick -> LOG.info("udp {}", traffic.summary()));
        }
      });
  }

  /** Who may send, or {@code null} when everyone may, as much as they like (then no sender is looked at). */
  private SenderGate gate(UdpConfig.Senders senders) {
    if (!senders.restricted()) {
      return null;
    }
    traffic.restrictSenders();
    SenderRates rates = senders.ratePerSender() == 0 ? null : SenderRates.of(vertx, senders.ratePerSender());
    if (rates != null && rates.claimSweeper()) {
      sweeping = rates;
      vertx.setPeriodic(SenderRates.SWEEP_MILLIS, tick -> rates.sweep(System.nanoTime()));
    }
    return new SenderGate(senders, rates);
  }

  /** This receiver's part of the feed; the process's one sender is deployed by the first receiver to publish. */
  private DatagramFeed startFeed(UdpConfig config) {
    FeedQueue queue = FeedQueue.of(vertx, config.output().publishBufferBytes());
    traffic.publishTo(queue);
    if (queue.claimSender()) {
      vertx.deployVerticle(new FeedVerticle(queue), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .onFailure(cause -> LOG.error("feed: the sender did not start: {}", cause.getMessage()));
    }
    return new DatagramFeed(queue);
  }

  private void reportReceiveBuffer(int asked) {
    vertx.executeBlocking(() -> ReceiveBufferProbe.granted(asked)).onComplete(probe -> {
      if (probe.failed()) {
        LOG.warn("udp receive buffer: cannot tell what the kernel grants: {}", probe.cause().getMessage());
      } else if (probe.result() < asked) {
        // Said, not warned: the default asks for more than most kernels grant, and a container cannot raise it.
        LOG.info("udp.receiveBufferBytes {} asked, kernel granted {} (net.core.rmem_max caps it; raise that on the "
          + "host to absorb longer bursts)", asked, probe.result());
      } else {
        LOG.info("udp.receiveBufferBytes {} asked, kernel granted {}", asked, probe.result());
      }
    });
  }

  @Override
  public Future<?> stop() {
    // Read what the kernel already holds, stop receiving, then let every datagram taken reach the output, unless
    // the output is stalled past the shutdown grace: then what is left is counted as dropped, and the process goes.
    ServerHealth health = ServerHealth.of(vertx);
    health.stopping();
    if (sweeping != null) {
      sweeping.releaseSweeper();
    }
    long stopped = System.nanoTime();
    // The kernel's count of drops goes with the socket: it is read once more just before closing.
    Future<Void> closed = actualPort < 0 ? Future.succeededFuture() : drainSocket()
      .compose(quiet -> {
        traffic.kernelDroppedCount();
        return closeSocket();
      })
      .onComplete(done -> health.udpDown());
    return closed.eventually(() -> {
      Duration left = shutdownGrace.minusNanos(System.nanoTime() - stopped);
      return Future.fromCompletionStage(releasePrinter.apply(left.isNegative() ? Duration.ZERO : left), context);
    }).onComplete(done -> LOG.info("udp stopped: {}", traffic.summary()));
  }

  private Future<Void> closeSocket() {
    return receiver.close();
  }

  /**
   * Completes once no datagram has arrived for {@link #DRAIN_QUIET_MILLIS}, or after {@link #DRAIN_MAX_MILLIS}
   * under a flood, so datagrams waiting in the socket's kernel buffer at shutdown are printed, not discarded.
   */
  private Future<Void> drainSocket() {
    Promise<Void> quiet = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MAX_MILLIS);
    long[] seen = {traffic.receivedCount()};
    vertx.setPeriodic(DRAIN_QUIET_MILLIS, timer -> {
      long now = traffic.receivedCount();
      if (now == seen[0] || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        quiet.tryComplete();
      }
      seen[0] = now;
    });
    return quiet.future();
  }

  /** Datagrams taken from the socket so far by every UDP instance of this Vert.x. */
  public long received() {
    return traffic == null ? 0 : traffic.receivedCount();
  }

  /** The port really bound, useful when the configured port is 0; -1 before the socket listens. */
  public int actualPort() {
    return actualPort;
  }
}

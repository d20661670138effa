package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;
import org.epollservers.config.AcceptorChoice;
import org.epollservers.config.AppConfig;
import org.epollservers.config.Durations;
import org.epollservers.config.TcpConfig;
import org.epollservers.health.ServerHealth;
import org.epollservers.internals.UringLoops;
import org.epollservers.transport.PortGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Answers every TCP client with the canned response once its request headers end, then closes the connection;
 * configured by the {@code tcp} section of its JSON config.
 */
public final class TcpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TcpVerticle.class);
  /** Connections the kernel may hold completed but not yet accepted, on every path alike. */
  private static final int LISTEN_BACKLOG = 1024;

  private TcpConfig config;
  private TcpTraffic traffic;
  private TcpListener listener;
  private int actualPort = -1;

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "TcpVerticle config").map(AppConfig::tcp).compose(config ->
      CannedResponse.load(vertx, config.response()).compose(response -> listen(config,
        config.extras().keepAlive().enabled() ? Replies.withKeepAlive(response) : Replies.withResponse(response))));
  }

  private Future<Integer> listen(TcpConfig config, Replies<Buffer> replies) {
    this.config = config;
    traffic = TcpTraffic.of(vertx, config.endpoint().host(), config.endpoint().port(), config.accepting().maxConnections(),
      config.accepting().maxConnectionsPerClient());
    ExchangePolicy policy = ExchangePolicy.of(config, replies, traffic);
    // The fast paths serve plain TCP only, the event-loop one on epoll only; every other transport, tcp.acceptor
    // "vertx", TLS and the PROXY protocol are served by Vert.x's NetServer.
    boolean onRing = config.servesOnRing();
    if (onRing && !UringLoops.available()) {
      return Future.failedFuture(AcceptorCheck.unavailable());
    }
    boolean fastPath = onRing || config.accepting().acceptor() == AcceptorChoice.EVENT_LOOP
      && !config.preamble().needsNetServer() && EpollAcceptor.fits(context);
    // Fast-path instances each listen, sharing the port with SO_REUSEPORT; NetServer instances share one listener.
    boolean grouped = fastPath && context.getInstanceCount() > 1;
    NetServerOptions options = new NetServerOptions().setHost(config.endpoint().host()).setPort(config.endpoint().port())
      .setReusePort(config.endpoint().reusePort() || grouped).setAcceptBacklog(LISTEN_BACKLOG);
    TcpTls.apply(config.preamble().tls(), config.exchange().headerTimeout(), options);
    if (config.preamble().proxyProtocol()) {
      // The header has its own deadline of the same length, before the request's (which starts once it is read).
      options.setUseProxyProtocol(true).setProxyProtocolTimeout(config.exchange().headerTimeout().toMillis())
        .setProxyProtocolTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    Future<Void> claimed = grouped && !config.endpoint().reusePort()
      ? PortGuard.claim(vertx, PortGuard.Protocol.TCP, config.endpoint().host(), config.endpoint().port()) : Future.succeededFuture();
    listener = onRing ? new UringAcceptor(context, config.accepting().deferAccept())
      : fastPath ? new EpollAcceptor(context, config.accepting().deferAccept()) : new NetServerListener(vertx);
    Future<Integer> bound = claimed.compose(free -> listener.listen(options, policy));
    return bound
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "tcp.port " + config.endpoint().port() + " on " + config.endpoint().host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onSuccess(port -> {
        actualPort = port;
        ServerHealth.of(vertx).tcpUp();
        LOG.atInfo().addKeyValue("host", config.endpoint().host()).addKeyValue("port", port)
          .log("tcp listening on {}:{} (accepting on {}{})", config.endpoint().host(), port, listener.description(),
            extras(config));
      });
  }

  /** What the start line adds for TLS and the PROXY protocol, and why they are not on the fast path. */
  private static String extras(TcpConfig config) {
    String on = config.preamble().tls() == null ? ""
      : (config.preamble().tls().clientCaFile() == null ? "TLS" : "mutual TLS") + " by " + TcpTls.engine();
    if (config.preamble().proxyProtocol()) {
      on = on.isEmpty() ? "PROXY protocol" : on + ", PROXY protocol";
    }
    if (on.isEmpty()) {
      return "";
    }
    return config.accepting().onOwnLoop() ? "; " + on + ", which only NetServer serves" : "; " + on;
  }

  /** Stops accepting and gives connections already accepted {@code tcp.shutdownGrace} to finish. */
  @Override
  public Future<?> stop() {
    if (actualPort < 0) {
      return Future.succeededFuture();
    }
    ServerHealth health = ServerHealth.of(vertx);
    health.stopping();
    traffic.stopping();
    LOG.info("tcp stopping: no new connections; {} open may take up to {} to finish", traffic.open(),
      Durations.format(config.exchange().shutdownGrace()));
    return listener.shutdown(config.exchange().shutdownGrace())
      .onComplete(done -> health.tcpDown())
      .onComplete(done -> LOG.info("tcp stopped: {} connections accepted, {} responses, {} refused at the cap, "
          + "{} refused at the per-client cap, {} header timeouts, {} heads too large{}{}{}", traffic.accepted(),
        traffic.responses(), traffic.refused(), traffic.refusedPerClient(), traffic.headerTimeouts(),
        traffic.headersTooLargeCount(), stopExtras(), keepAliveSummary(), faultTotals()));
  }

  /** The counters only TLS and the PROXY protocol have, when on, for the stop line. */
  private String stopExtras() {
    String extras = config.preamble().proxyProtocol() ? ", " + traffic.proxyHeadersRefused() + " without a valid PROXY header" : "";
    return config.preamble().tls() == null ? extras : extras + ", " + traffic.tlsHandshakesFailed() + " failed TLS handshakes";
  }

  /** The injected faults and delays, for the stop line; nothing when none are configured, so that line stays as it was. */
  private String faultTotals() {
    if (!config.extras().faults().any()) {
      return "";
    }
    return String.format(", faults injected: %d resets, %d closes, %d stalls; %d responses delayed",
      traffic.faultsInjected(Fault.RESET), traffic.faultsInjected(Fault.CLOSE), traffic.faultsInjected(Fault.STALL),
      traffic.responsesDelayed());
  }

  /** The keep-alive and access log counters for the stop line, only where those features are on. */
  private String keepAliveSummary() {
    String kept = config.extras().keepAlive().enabled()
      ? ", " + traffic.keptRequests() + " requests on kept connections, " + traffic.idleCloses() + " idle closes" : "";
    return config.extras().accessLog() ? kept + ", " + traffic.accessLogDropped() + " access log lines dropped" : kept;
  }

    /** The port's connection counters; {@code null} before the server listens. */
  public TcpTraffic traffic() {
    return traffic;
  }

  /** The port really bound, useful when the configured port is 0; -1 before the server listens. */
  public int actualPort() {
    return actualPort;
  }
}

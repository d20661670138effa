package org.epollservers.admin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.epollservers.config.AdminConfig;
import org.epollservers.config.AppConfig;
import org.epollservers.health.ServerHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint on a core HTTP/1.1 server with its own connection budget: {@code /health/live},
 * {@code /health/ready} and {@code /metrics}; at stop it keeps answering (not ready) until the servers have drained.
 */
public final class AdminVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);
  private static final long DRAIN_POLL_MILLIS = 50;
  private static final long DRAIN_MAX_MILLIS = TimeUnit.MINUTES.toMillis(11);

  private HttpServer server;
  private ServerHealth health;

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "AdminVerticle config").map(AppConfig::admin).compose(this::listen);
  }

  private Future<HttpServer> listen(AdminConfig config) {
    health = ServerHealth.of(vertx);
    AdminConnections connections = new AdminConnections(vertx, config.maxConnections(), config.requestTimeout());
    registerMeters(connections);
    Handler<HttpServerRequest> metrics = new PrometheusScrape(MetricsRegistry.prometheus());
    // HTTP/1.1 only: probes and scrapers need nothing more, and every protocol served is one more to defend.
    HttpServerOptions options = new HttpServerOptions()
      .setHttp2ClearTextEnabled(false)
      .setIdleTimeout((int) Math.max(1, config.requestTimeout().toSeconds()))
      .setMaxInitialLineLength(1024)
      .setMaxHeaderSize(8192);
    server = vertx.createHttpServer(options)
      .connectionHandler(connections::opened)
      .requestHandler(request -> {
        connections.requested(request);
        route(request, metrics);
      });
    return server.listen(config.endpoint().port(), config.endpoint().host())
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "admin.port " + config.endpoint().port() + " on " + config.endpoint().host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onSuccess(bound -> LOG.atInfo().addKeyValue("host", config.endpoint().host()).addKeyValue("port", bound.actualPort())
        .log("admin listening on {}:{}", config.endpoint().host(), bound.actualPort()));
  }

  private static void registerMeters(AdminConnections connections) {
    MeterRegistry registry = MetricsRegistry.prometheus();
    Gauge.builder("epoll_servers_admin_connections_open", connections, AdminConnections::open)
      .description("Open connections to the admin endpoint").register(registry);
    FunctionCounter.builder("epoll_servers_admin_connections_refused", connections, AdminConnections::refused)
      .description("Admin connections closed at once as the admin endpoint was at its cap").register(registry);
  }

  private void route(HttpServerRequest request, Handler<HttpServerRequest> metrics) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    switch (request.path()) {
      case "/health/live" -> json(request, 200, new JsonObject().put("status", "UP"));
      case "/health/ready" -> json(request, health.ready() ? 200 : 503, new JsonObject()
        .put("status", health.ready() ? "UP" : "DOWN")
        .put("stopping", health.isStopping())
        .put("tcpListening", health.tcpListening())
        .put("udpListening", health.udpListening()));
      case "/metrics" -> metrics.handle(request);
      default -> request.response().setStatusCode(404).end();
    }
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    health.stopping();
    // Probes keep getting "not ready" while the servers drain, instead of a refused connection.
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MAX_MILLIS);
    vertx.setPeriodic(DRAIN_POLL_MILLIS, timer -> {
      if (!health.anyListening() || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        drained.tryComplete();
      }
    });
    return drained.future().compose(done -> server.close());
  }
}

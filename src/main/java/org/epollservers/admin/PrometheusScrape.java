package org.epollservers.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** Answers a scrape of {@code /metrics} in OpenMetrics when the scraper's {@code Accept} asks for it, else in Prometheus text. */
final class PrometheusScrape implements Handler<HttpServerRequest> {

  private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  PrometheusScrape(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String accept = request.getHeader("Accept");
    String type = accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : PROMETHEUS_TEXT;
    request.response().putHeader("Content-Type", type).end(registry.scrape(type));
  }
}

package org.epollservers.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The process's Prometheus registry: Vert.x writes its metrics into it from start, the admin endpoint reads it. */
public final class MetricsRegistry {

  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private MetricsRegistry() {
  }

  public static PrometheusMeterRegistry prometheus() {
    return REGISTRY;
  }
}

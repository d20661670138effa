package org.epollservers.admin;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's Prometheus registry, with the JVM's and the process's own meters, created on first use: only a
 * process with the admin endpoint ever loads Micrometer, and only once its servers answer.
 */
public final class MetricsRegistry {

  private MetricsRegistry() {
  }

  public static PrometheusMeterRegistry prometheus() {
    return Holder.REGISTRY;
  }

  /** The JVM initialises this class, and so the registry, exactly once, on the first call above. */
  private static final class Holder {
    private static final PrometheusMeterRegistry REGISTRY = create();

    @SuppressWarnings("resource") // the GC listener lives as long as the process
    private static PrometheusMeterRegistry create() {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new ClassLoaderMetrics().bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      new FileDescriptorMetrics().bindTo(registry);
      return registry;
    }
  }
}

package org.epollservers.tcp;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.epollservers.admin.ServerMetrics;
import org.epollservers.udp.UdpTraffic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injected faults and delayed responses as /metrics shows them. */
class FaultMetricsTest {

  @Test
  @DisplayName("/metrics counts injected faults by kind and delayed responses")
  void scraped() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TcpTraffic traffic = TcpTraffic.of(vertx, "127.0.0.1", 8080, 10, 0);
      traffic.faultInjected(Fault.RESET);
      traffic.faultInjected(Fault.STALL);
      traffic.faultInjected(Fault.STALL);
      traffic.delayed();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ServerMetrics.register(registry, 8080, traffic, UdpTraffic.of(vertx));
      String scraped = registry.scrape();
      for (String line : new String[] {
        "epoll_servers_tcp_faults_injected_total{fault=\"reset\",port=\"8080\"} 1.0",
        "epoll_servers_tcp_faults_injected_total{fault=\"close\",port=\"8080\"} 0.0",
        "epoll_servers_tcp_faults_injected_total{fault=\"stall\",port=\"8080\"} 2.0",
        "epoll_servers_tcp_responses_delayed_total{port=\"8080\"} 1.0"}) {
        assertTrue(scraped.lines().anyMatch(line::equals), "missing: " + line + "\n" + scraped);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}

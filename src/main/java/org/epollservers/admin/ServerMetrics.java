package org.epollservers.admin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.epollservers.tcp.Fault;
import org.epollservers.tcp.TcpTraffic;
import org.epollservers.udp.UdpTraffic;

import java.util.function.ToDoubleFunction;

/** Exposes the servers' own counters as Prometheus meters, read when scraped rather than updated per event. */
public final class ServerMetrics {

  private ServerMetrics() {
  }

  public static void register(MeterRegistry registry, int tcpPort, TcpTraffic tcp, UdpTraffic udp) {
    String port = String.valueOf(tcpPort);
    tcpCounter(registry, "epoll_servers_tcp_connections_accepted", "Connections admitted", port, tcp, TcpTraffic::accepted);
    tcpCounter(registry, "epoll_servers_tcp_responses", "Canned responses written", port, tcp, TcpTraffic::responses);
    tcpCounter(registry, "epoll_servers_tcp_headers_too_large", "431 answers", port, tcp, TcpTraffic::headersTooLargeCount);
    tcpCounter(registry, "epoll_servers_tcp_header_timeouts", "Connections closed at the header deadline", port, tcp,
      TcpTraffic::headerTimeouts);
    FunctionCounter.builder("epoll_servers_tcp_connections_refused", tcp, TcpTraffic::refused)
      .description("Connections closed at once at a cap").tags("port", port, "cap", "maxConnections").register(registry);
    FunctionCounter.builder("epoll_servers_tcp_connections_refused", tcp, TcpTraffic::refusedPerClient)
      .description("Connections closed at once at a cap").tags("port", port, "cap", "maxConnectionsPerClient")
      .register(registry);
    for (Fault fault : Fault.values()) {
      FunctionCounter.builder("epoll_servers_tcp_faults_injected", tcp, t -> t.faultsInjected(fault))
        .description("Requests given a fault instead of the response (tcp.faults)").tags("port", port, "fault", fault.label())
        .register(registry);
    }
    tcpCounter(registry, "epoll_servers_tcp_responses_delayed", "Responses sent after tcp.response.delay and jitter", port,
      tcp, TcpTraffic::responsesDelayed);
    tcpCounter(registry, "epoll_servers_tcp_kept_requests", "Requests served on a connection kept open after an earlier one",
      port, tcp, TcpTraffic::keptRequests);
    tcpCounter(registry, "epoll_servers_tcp_idle_closes", "Kept connections closed while waiting for a next request", port,
      tcp, TcpTraffic::idleCloses);
    tcpCounter(registry, "epoll_servers_tcp_access_log_dropped", "Access log lines dropped with the writer's queue full",
      port, tcp, TcpTraffic::accessLogDropped);
    tcpCounter(registry, "epoll_servers_tcp_proxy_headers_refused", "Connections closed without a valid PROXY header",
      port, tcp, TcpTraffic::proxyHeadersRefused);
    tcpCounter(registry, "epoll_servers_tcp_tls_handshakes_failed", "Connections closed at a failed TLS handshake", port,
      tcp, TcpTraffic::tlsHandshakesFailed);
    tcpCounter(registry, "epoll_servers_tcp_bytes_read", "Bytes read from clients", port, tcp, TcpTraffic::bytesRead);
    tcpCounter(registry, "epoll_servers_tcp_bytes_written", "Bytes of replies written", port, tcp, TcpTraffic::bytesWritten);
    Gauge.builder("epoll_servers_tcp_connections_open", tcp, TcpTraffic::open).description("Open connections")
      .tag("port", port).register(registry);
    udpCounter(registry, "epoll_servers_udp_datagrams_received", "Datagrams received", udp, UdpTraffic::receivedCount);
    udpCounter(registry, "epoll_servers_udp_datagrams_printed", "Datagrams whose line reached stdout", udp, UdpTraffic::printedCount);
    // One counter, labelled by where datagrams were lost: before reading, refused by sender, on the way to stdout, or
    // from the feed.
    dropped(registry, udp, "kernel", UdpTraffic::kernelDroppedCount);
    dropped(registry, udp, "printer", UdpTraffic::droppedCount);
    dropped(registry, udp, "feed", UdpTraffic::feedDroppedCount);
    dropped(registry, udp, "denied", UdpTraffic::deniedCount);
    dropped(registry, udp, "rate", UdpTraffic::overRateCount);
  }

  private static void tcpCounter(MeterRegistry registry, String name, String description, String port, TcpTraffic tcp,
                                 ToDoubleFunction<TcpTraffic> value) {
    FunctionCounter.builder(name, tcp, value).description(description).tag("port", port).register(registry);
  }

  private static void dropped(MeterRegistry registry, UdpTraffic udp, String stage, ToDoubleFunction<UdpTraffic> value) {
    FunctionCounter.builder("epoll_servers_udp_datagrams_dropped", udp, value)
      .description("Datagrams lost, by stage: kernel (receive buffer full, never read), printer (no room while stdout "
        + "fell behind, or a failed write), feed (deliveries to subscribers dropped), denied (sender not in udp.allow), rate "
        + "(sender over udp.ratePerSender)")
      .tag("stage", stage).register(registry);
  }

  private static void udpCounter(MeterRegistry registry, String name, String description, UdpTraffic udp,
                                 ToDoubleFunction<UdpTraffic> value) {
    FunctionCounter.builder(name, udp, value).description(description).register(registry);
  }
}

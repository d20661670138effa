package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Where the TCP server listens, how it accepts connections, what each exchange may take, what it answers, whether
 * connections stay open between requests, whether exchanges are logged, and how it misbehaves on purpose (the last
 * three off by default).
 */
public record TcpConfig(Endpoint endpoint, Accepting accepting, Exchange exchange, ResponseConfig response,
                        KeepAlive keepAlive, boolean accessLog, FaultConfig faults) {

  /**
   * How connections are accepted and how many may be open (the tcp keys of the same names; see {@link Setting}).
   *
   * @param onEventLoop whether each instance accepts on its own event loop rather than through Vert.x's acceptor
   */
  public record Accepting(boolean onEventLoop, Duration deferAccept, int maxConnections, int maxConnectionsPerClient) {
  }

  /** What one exchange may take, in bytes and time (the tcp keys of the same names; see {@link Setting}). */
  public record Exchange(int maxHeaderBytes, Duration headerTimeout, Duration lingerTimeout, Duration shutdownGrace) {
  }

  /**
   * Persistent connections (the tcp keys keepAlive, keepAliveTimeout and keepAliveMaxRequests; see {@link Setting}).
   *
   * @param enabled whether a request may ask for the connection to stay open
   */
  public record KeepAlive(boolean enabled, Duration timeout, int maxRequests) {
  }

  static TcpConfig from(JsonObject tcp, String source) {
    Accepting accepting = new Accepting(tcp.getString("acceptor").equals("event-loop"), Durations.read(tcp, "deferAccept"),
      tcp.getInteger("maxConnections"), tcp.getInteger("maxConnectionsPerClient"));
    Exchange exchange = new Exchange(tcp.getInteger("maxHeaderBytes"), Durations.read(tcp, "headerTimeout"),
      Durations.read(tcp, "lingerTimeout"), Durations.read(tcp, "shutdownGrace"));
    KeepAlive keepAlive = new KeepAlive(tcp.getBoolean("keepAlive"), Durations.read(tcp, "keepAliveTimeout"),
      tcp.getInteger("keepAliveMaxRequests"));
    return new TcpConfig(Endpoint.from(tcp), accepting, exchange, ResponseConfig.from(tcp.getJsonObject("response"), source),
      keepAlive, tcp.getString("accessLog").equals("on"), FaultConfig.from(tcp, source));
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Where the TCP server listens, how it accepts connections, what each exchange may take, and what it answers. */
public record TcpConfig(Endpoint endpoint, Accepting accepting, Exchange exchange, ResponseConfig response) {

  /**
   * How connections are accepted and how many may be open.
   *
   * @param onEventLoop whether each instance accepts on its own event loop rather than through Vert.x's acceptor
   * @param deferAccept how long the kernel may hold a connection that has sent nothing yet (TCP_DEFER_ACCEPT); zero for off
   * @param maxConnections open connections allowed on the port, all instances together
   * @param maxConnectionsPerClient open connections allowed from one client address; 0 for no limit
   */
  public record Accepting(boolean onEventLoop, Duration deferAccept, int maxConnections, int maxConnectionsPerClient) {
  }

  /**
   * What one exchange may take.
   *
   * @param maxHeaderBytes the largest request head read before a 431
   * @param headerTimeout the time from accept to the blank line
   * @param lingerTimeout how long bytes a client may still send are drained after the response
   * @param shutdownGrace how long accepted connections may take to finish at stop
   */
  public record Exchange(int maxHeaderBytes, Duration headerTimeout, Duration lingerTimeout, Duration shutdownGrace) {
  }

  static TcpConfig from(JsonObject tcp, String source) {
    Accepting accepting = new Accepting(tcp.getString("acceptor").equals("event-loop"), Durations.read(tcp, "deferAccept"),
      tcp.getInteger("maxConnections"), tcp.getInteger("maxConnectionsPerClient"));
    Exchange exchange = new Exchange(tcp.getInteger("maxHeaderBytes"), Durations.read(tcp, "headerTimeout"),
      Durations.read(tcp, "lingerTimeout"), Durations.read(tcp, "shutdownGrace"));
    return new TcpConfig(Endpoint.from(tcp), accepting, exchange, ResponseConfig.from(tcp.getJsonObject("response"), source));
  }
}

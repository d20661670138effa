package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Where the TCP server listens, how it accepts connections, what may come before a request, what each exchange may
 * take, what it answers, and the exchange's extras (all off by default).
 */
public record TcpConfig(Endpoint endpoint, Accepting accepting, Preamble preamble, Exchange exchange,
                        ResponseConfig response, Extras extras) {

  /**
   * What may come on the wire before the request, both off by default: a TLS handshake and a PROXY protocol header.
   *
   * @param tls the port's TLS files, or {@code null} without TLS
   */
  public record Preamble(Tls tls, boolean proxyProtocol) {

    /** Whether a connection is served by Vert.x's NetServer whatever {@code tcp.acceptor} says: TLS and PROXY need it. */
    public boolean needsNetServer() {
      return tls != null || proxyProtocol;
    }
  }

  /** Whether the connections are served on io_uring: asked for, and plain TCP (TLS and PROXY need NetServer). */
  public boolean servesOnRing() {
    return accepting.acceptor() == AcceptorChoice.IO_URING && !preamble.needsNetServer();
  }

  /**
   * The PEM files of TLS on the port (the tcp.tls keys; see {@link Setting}).
   *
   * @param clientCaFile the CA client certificates must chain to, or {@code null} when clients need none
   */
  public record Tls(String certFile, String keyFile, String clientCaFile) {
  }

  /**
   * What an exchange may do beyond the seed's one answer, all off by default: stay open for more requests, leave a
   * log line, misbehave on purpose.
   */
  public record Extras(KeepAlive keepAlive, boolean accessLog, FaultConfig faults) {
  }

  /**
   * How connections are accepted and how many may be open (the tcp keys of the same names; see {@link Setting}).
   *
   * @param acceptor how each instance accepts: on its own event loop, through Vert.x's acceptor, or on io_uring
   */
  public record Accepting(AcceptorChoice acceptor, Duration deferAccept, int maxConnections, int maxConnectionsPerClient) {

    /** Whether each instance accepts on a loop of its own rather than through Vert.x's acceptor. */
    public boolean onOwnLoop() {
      return acceptor != AcceptorChoice.VERTX;
    }
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
    Accepting accepting = new Accepting(AcceptorChoice.fromConfigName(tcp.getString("acceptor")),
      Durations.read(tcp, "deferAccept"), tcp.getInteger("maxConnections"), tcp.getInteger("maxConnectionsPerClient"));
    Exchange exchange = new Exchange(tcp.getInteger("maxHeaderBytes"), Durations.read(tcp, "headerTimeout"),
      Durations.read(tcp, "lingerTimeout"), Durations.read(tcp, "shutdownGrace"));
    KeepAlive keepAlive = new KeepAlive(tcp.getBoolean("keepAlive"), Durations.read(tcp, "keepAliveTimeout"),
      tcp.getInteger("keepAliveMaxRequests"));
    Preamble preamble = new Preamble(tls(tcp.getJsonObject("tls"), source), tcp.getBoolean("proxyProtocol"));
    Extras extras = new Extras(keepAlive, tcp.getString("accessLog").equals("on"), FaultConfig.from(tcp, source));
    return new TcpConfig(Endpoint.from(tcp), accepting, preamble, exchange,
      ResponseConfig.from(tcp.getJsonObject("response"), source), extras);
  }

  private static Tls tls(JsonObject files, String source) {
    Tls tls = new Tls(files.getString("certFile"), files.getString("keyFile"), files.getString("clientCaFile"));
    if ((tls.certFile() == null) != (tls.keyFile() == null)) {
      throw new ConfigException(source, "tcp.tls", "certFile and keyFile go together: set both, or neither");
    }
    if (tls.certFile() == null && tls.clientCaFile() != null) {
      throw new ConfigException(source, "tcp.tls.clientCaFile", "needs TLS on: set certFile and keyFile too");
    }
    return tls.certFile() == null ? null : tls;
  }
}

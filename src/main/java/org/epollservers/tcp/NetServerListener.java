package org.epollservers.tcp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Accepts through Vert.x's NetServer, on any transport; instances on one port share its listener. */
final class NetServerListener implements TcpListener {

  private final Vertx vertx;
  private NetServer server;

  NetServerListener(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    server = vertx.createNetServer(options);
    server.connectHandler(socket -> NetSocketIo.serve(vertx, socket, policy));
    // Connections that fail before they reach connectHandler (no valid PROXY header, a failed TLS handshake) end here;
    // Vert.x has closed them already, so all that is left is to count them.
    server.exceptionHandler(failure -> PreConnectFailure.count(failure, options, policy.traffic()));
    return server.listen().map(NetServer::actualPort);
  }

  @Override
  public Future<Void> shutdown(Duration grace) {
    return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String description() {
    return "Vert.x's NetServer";
  }
}

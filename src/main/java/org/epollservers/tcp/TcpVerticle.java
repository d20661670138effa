package org.epollservers.tcp;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.epollservers.config.AppConfig;
import org.epollservers.config.TcpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Answers every TCP client with the canned response once its request headers end, then closes the connection;
 * configured by the {@code tcp} section of its JSON config.
 */
public final class TcpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TcpVerticle.class);

  private NetServer server;

  @Override
  public Future<?> start() {
    TcpConfig config;
    try {
      config = AppConfig.fromJson(config(), "TcpVerticle config").tcp();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return CannedResponse.load(vertx, config.response())
      .compose(response -> listen(config, Replies.withResponse(response)));
  }

  private Future<NetServer> listen(TcpConfig config, Replies replies) {
    server = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port()));
    server.connectHandler(socket -> CannedExchange.serve(socket, replies, config.maxHeaderBytes()));
    return server.listen()
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "tcp.port " + config.port() + " on " + config.host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onSuccess(bound -> LOG.info("tcp listening on {}:{}", config.host(), bound.actualPort()));
  }

  /** The port really bound, useful when the configured port is 0; -1 before the server listens. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}

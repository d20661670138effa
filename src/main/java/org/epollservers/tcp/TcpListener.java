package org.epollservers.tcp;

import io.vertx.core.Future;
import io.vertx.core.net.NetServerOptions;

import java.time.Duration;

/** One way of accepting a port's connections and serving them a canned exchange: Vert.x's NetServer, or epoll directly. */
interface TcpListener {

  /** Binds {@code options}' host and port; completes with the port really bound. */
  Future<Integer> listen(NetServerOptions options, ExchangePolicy policy);

  /** Stops accepting, lets open connections finish within {@code grace}, then closes what is left. */
  Future<Void> shutdown(Duration grace);

  /** Where it accepts, for the start-up line. */
  String description();
}

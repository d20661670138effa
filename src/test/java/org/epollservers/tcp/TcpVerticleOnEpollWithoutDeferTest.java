package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP exchange, accepting on the verticle's event loop straight from epoll, without deferred accept")
class TcpVerticleOnEpollWithoutDeferTest extends TcpVerticleOnEpollTest {

  /** Without deferred accept a connection joins the epoll set before its first read: the other half of the path. */
  @Override
  JsonObject variantSettings() {
    return new JsonObject().put("deferAccept", "0s");
  }
}

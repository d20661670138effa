package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP exchange, accepting through Vert.x's NetServer")
class TcpVerticleOnVertxAcceptorTest extends TcpVerticleContract {

  @Override
  String acceptor() {
    return "vertx";
  }
}

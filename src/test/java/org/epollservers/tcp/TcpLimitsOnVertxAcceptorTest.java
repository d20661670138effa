package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP limits, accepting through Vert.x's NetServer")
class TcpLimitsOnVertxAcceptorTest extends TcpLimitsContract {

  @Override
  String acceptor() {
    return "vertx";
  }
}

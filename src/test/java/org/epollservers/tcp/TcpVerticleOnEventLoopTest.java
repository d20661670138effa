package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP exchange, accepting on the verticle's event loop through Netty channels (nio)")
class TcpVerticleOnEventLoopTest extends TcpVerticleContract {

  @Override
  String acceptor() {
    return "event-loop";
  }
}

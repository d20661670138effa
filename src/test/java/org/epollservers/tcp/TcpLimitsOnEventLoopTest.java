package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP limits, accepting on the verticle's event loop through Netty channels (nio)")
class TcpLimitsOnEventLoopTest extends TcpLimitsContract {

  @Override
  String acceptor() {
    return "event-loop";
  }
}

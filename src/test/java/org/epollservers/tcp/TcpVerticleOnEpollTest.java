package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the TCP exchange, accepting on the verticle's event loop straight from epoll, with deferred accept (the default)")
class TcpVerticleOnEpollTest extends TcpVerticleContract {

  @Override
  String acceptor() {
    return "event-loop";
  }

  @Override
  boolean nativeTransport() {
    return true;
  }
}

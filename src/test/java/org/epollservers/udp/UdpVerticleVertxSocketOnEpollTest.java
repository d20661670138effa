package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the UDP printer, through Vert.x's DatagramSocket, epoll")
class UdpVerticleVertxSocketOnEpollTest extends UdpVerticleContract {

  @Override
  String receiver() {
    return "vertx";
  }

  @Override
  boolean nativeTransport() {
    return true;
  }
}

package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("the UDP printer, read in bursts on the verticle's event loop, epoll (recvmmsg)")
class UdpVerticleBatchedOnEpollTest extends UdpVerticleContract {

  @Override
  String receiver() {
    return "batched";
  }

  @Override
  boolean nativeTransport() {
    return true;
  }
}

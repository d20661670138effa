package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The printer on every transport and receiver the server offers; each variant is skipped where it cannot run. */
@DisplayName("the UDP printer")
class UdpVerticleTest {

  @Nested
  @DisplayName("read in bursts on epoll (recvmmsg)")
  class BatchedOnEpoll extends UdpVerticleContract {
    @Override
    String receiver() {
      return "batched";
    }

    @Override
    String transport() {
      return "epoll";
    }
  }


  @Nested
  @DisplayName("read in bursts on nio")
  class BatchedOnNio extends UdpVerticleContract {
    @Override
    String receiver() {
      return "batched";
    }

    @Override
    String transport() {
      return "nio";
    }
  }

  @Nested
  @DisplayName("through Vert.x's DatagramSocket on epoll")
  class VertxSocketOnEpoll extends UdpVerticleContract {
    @Override
    String receiver() {
      return "vertx";
    }

    @Override
    String transport() {
      return "epoll";
    }
  }
}

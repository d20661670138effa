package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The output formats and sender limits on every transport and receiver; each variant is skipped where it cannot run. */
@DisplayName("the UDP printer's formats and sender limits")
class UdpOutputTest {

  @Nested
  @DisplayName("read in bursts on epoll (recvmmsg)")
  class BatchedOnEpoll extends UdpOutputContract {
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
  class BatchedOnNio extends UdpOutputContract {
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
  class VertxSocketOnEpoll extends UdpOutputContract {
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

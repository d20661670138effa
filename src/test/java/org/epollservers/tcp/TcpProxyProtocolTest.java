package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The PROXY protocol on every path: with tcp.acceptor event-loop on epoll it falls back to NetServer, and does. */
@DisplayName("the PROXY protocol on the TCP port")
class TcpProxyProtocolTest {

  @Nested
  @DisplayName("on epoll, tcp.acceptor event-loop (served by NetServer)")
  class Epoll extends TcpProxyProtocolContract {
    @Override
    String transport() {
      return "epoll";
    }
  }

  @Nested
  @DisplayName("on epoll, through Vert.x's NetServer")
  class NetServerOnEpoll extends TcpProxyProtocolContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    String acceptor() {
      return "vertx";
    }
  }

  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpProxyProtocolContract {
    @Override
    String transport() {
      return "nio";
    }
  }
}

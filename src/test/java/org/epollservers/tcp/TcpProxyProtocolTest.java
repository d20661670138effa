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
    TcpPath path() {
      return TcpPath.EPOLL;
    }
  }

  @Nested
  @DisplayName("on epoll, through Vert.x's NetServer")
  class NetServerOnEpoll extends TcpProxyProtocolContract {
    @Override
    TcpPath path() {
      return TcpPath.NET_SERVER_ON_EPOLL;
    }
  }

  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpProxyProtocolContract {
    @Override
    TcpPath path() {
      return TcpPath.NIO;
    }
  }
}

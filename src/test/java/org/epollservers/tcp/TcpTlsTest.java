package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** TLS on every path: with tcp.acceptor event-loop on epoll it must fall back to NetServer, and does. */
@DisplayName("TLS on the TCP port")
class TcpTlsTest {

  @Nested
  @DisplayName("on epoll, tcp.acceptor event-loop (served by NetServer)")
  class Epoll extends TcpTlsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL;
    }
  }

  @Nested
  @DisplayName("on epoll, through Vert.x's NetServer")
  class NetServerOnEpoll extends TcpTlsContract {
    @Override
    TcpPath path() {
      return TcpPath.NET_SERVER_ON_EPOLL;
    }
  }

  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpTlsContract {
    @Override
    TcpPath path() {
      return TcpPath.NIO;
    }
  }
}

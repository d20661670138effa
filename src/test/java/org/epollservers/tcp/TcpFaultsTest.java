package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Injected faults and delays on every path the server offers; each variant is skipped where it cannot run. */
@DisplayName("the injected TCP faults and delays")
class TcpFaultsTest {

  @Nested
  @DisplayName("on epoll, straight from the epoll set, with deferred accept (the default)")
  class Epoll extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL;
    }
  }

  @Nested
  @DisplayName("on epoll, straight from the epoll set, without deferred accept")
  class EpollWithoutDefer extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL_WITHOUT_DEFER;
    }
  }

  @Nested
  @DisplayName("on epoll, through Vert.x's NetServer")
  class NetServerOnEpoll extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.NET_SERVER_ON_EPOLL;
    }
  }

  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.NIO;
    }
  }

  @Nested
  @DisplayName("on io_uring, a loop of its own per instance, with deferred accept")
  class IoUring extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING;
    }
  }

  @Nested
  @DisplayName("on io_uring, without deferred accept")
  class IoUringWithoutDefer extends TcpFaultsContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING_WITHOUT_DEFER;
    }
  }
}

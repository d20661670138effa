package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Persistent connections on every transport and path the server offers; each variant is skipped where it cannot run. */
@DisplayName("keep-alive")
class KeepAliveTest {

  @Nested
  @DisplayName("on epoll, straight from the epoll set, with deferred accept (the default)")
  class Epoll extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL;
    }
  }

  @Nested
  @DisplayName("on epoll, straight from the epoll set, without deferred accept")
  class EpollWithoutDefer extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL_WITHOUT_DEFER;
    }
  }

  @Nested
  @DisplayName("on epoll, two instances sharing the port")
  class EpollTwoInstances extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL_TWO_INSTANCES;
    }
  }

  @Nested
  @DisplayName("on epoll, through Vert.x's NetServer")
  class NetServerOnEpoll extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.NET_SERVER_ON_EPOLL;
    }
  }

  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.NIO;
    }
  }

  @Nested
  @DisplayName("on io_uring, a loop of its own per instance, with deferred accept")
  class IoUring extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING;
    }
  }

  @Nested
  @DisplayName("on io_uring, without deferred accept")
  class IoUringWithoutDefer extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING_WITHOUT_DEFER;
    }
  }

  @Nested
  @DisplayName("on io_uring, two instances sharing the port")
  class IoUringTwoInstances extends KeepAliveContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING_TWO_INSTANCES;
    }
  }
}

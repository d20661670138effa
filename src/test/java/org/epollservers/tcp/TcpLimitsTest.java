package org.epollservers.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Hostile clients on every transport and path the server offers; each variant is skipped where it cannot run. */
@DisplayName("the TCP limits")
class TcpLimitsTest {

  @Nested
  @DisplayName("on epoll, straight from the epoll set, with deferred accept (the default)")
  class Epoll extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL;
    }
  }

  @Nested
  @DisplayName("on epoll, straight from the epoll set, without deferred accept")
  class EpollWithoutDefer extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL_WITHOUT_DEFER;
    }
  }

  @Nested
  @DisplayName("on epoll, two instances sharing the port")
  class EpollTwoInstances extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.EPOLL_TWO_INSTANCES;
    }
  }


  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.NIO;
    }
  }

  @Nested
  @DisplayName("on io_uring, a loop of its own per instance, with deferred accept")
  class IoUring extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING;
    }
  }

  @Nested
  @DisplayName("on io_uring, without deferred accept")
  class IoUringWithoutDefer extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING_WITHOUT_DEFER;
    }
  }

  @Nested
  @DisplayName("on io_uring, two instances sharing the port")
  class IoUringTwoInstances extends TcpLimitsContract {
    @Override
    TcpPath path() {
      return TcpPath.IO_URING_TWO_INSTANCES;
    }
  }
}

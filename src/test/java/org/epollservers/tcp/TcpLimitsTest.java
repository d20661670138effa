package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Hostile clients on every transport and path the server offers; each variant is skipped where it cannot run. */
@DisplayName("the TCP limits")
class TcpLimitsTest {

  @Nested
  @DisplayName("on epoll, straight from the epoll set, with deferred accept (the default)")
  class Epoll extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }
  }

  @Nested
  @DisplayName("on epoll, straight from the epoll set, without deferred accept")
  class EpollWithoutDefer extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    JsonObject variantSettings() {
      return new JsonObject().put("deferAccept", "0s");
    }
  }

  @Nested
  @DisplayName("on epoll, two instances sharing the port")
  class EpollTwoInstances extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    int instances() {
      return 2;
    }
  }


  @Nested
  @DisplayName("on nio (Vert.x's NetServer)")
  class Nio extends TcpLimitsContract {
    @Override
    String transport() {
      return "nio";
    }
  }

  @Nested
  @DisplayName("on io_uring, a loop of its own per instance, with deferred accept")
  class IoUring extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    String acceptor() {
      return "io_uring";
    }
  }

  @Nested
  @DisplayName("on io_uring, without deferred accept")
  class IoUringWithoutDefer extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    String acceptor() {
      return "io_uring";
    }

    /** Without deferred accept the first bytes are awaited with a poll before any read: the other half of the path. */
    @Override
    JsonObject variantSettings() {
      return new JsonObject().put("deferAccept", "0s");
    }
  }

  @Nested
  @DisplayName("on io_uring, two instances sharing the port")
  class IoUringTwoInstances extends TcpLimitsContract {
    @Override
    String transport() {
      return "epoll";
    }

    @Override
    String acceptor() {
      return "io_uring";
    }

    @Override
    int instances() {
      return 2;
    }
  }
}

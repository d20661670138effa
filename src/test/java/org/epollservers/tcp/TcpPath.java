package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;

/** Each way the server can serve a TCP port, as the contracts' variants name it: transport, acceptor, instances. */
enum TcpPath {
  EPOLL("epoll", "event-loop", 1, new JsonObject()),
  /** Without deferred accept a connection waits for its first bytes before any read: the other half of the path. */
  EPOLL_WITHOUT_DEFER("epoll", "event-loop", 1, new JsonObject().put("deferAccept", "0s")),
  EPOLL_TWO_INSTANCES("epoll", "event-loop", 2, new JsonObject()),
  NET_SERVER_ON_EPOLL("epoll", "vertx", 1, new JsonObject()),
  NIO("nio", "event-loop", 1, new JsonObject()),
  NIO_TWO_INSTANCES("nio", "event-loop", 2, new JsonObject()),
  IO_URING("epoll", "io_uring", 1, new JsonObject()),
  IO_URING_WITHOUT_DEFER("epoll", "io_uring", 1, new JsonObject().put("deferAccept", "0s")),
  IO_URING_TWO_INSTANCES("epoll", "io_uring", 2, new JsonObject());

  /** {@code epoll} or {@code nio}. */
  final String transport;
  /** The {@code tcp.acceptor}; {@code event-loop} takes the epoll fast path where it can. */
  final String acceptor;
  /** Instances of the verticle sharing the port. */
  final int instances;
  private final JsonObject settings;

  TcpPath(String transport, String acceptor, int instances, JsonObject settings) {
    this.transport = transport;
    this.acceptor = acceptor;
    this.instances = instances;
    this.settings = settings;
  }

  /** Settings of this path, laid over a test's own {@code tcp} section. */
  JsonObject settings() {
    return settings.copy();
  }
}

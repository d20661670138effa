package org.epollservers.config;

import java.util.Arrays;
import java.util.List;

/** How the TCP server accepts and serves its connections ({@code tcp.acceptor}). */
public enum AcceptorChoice {
  /** Each instance on its own event loop, straight from the loop's epoll set. */
  EVENT_LOOP("event-loop"),
  /** Vert.x's NetServer. */
  VERTX("vertx"),
  /** Each instance on a loop of its own on io_uring, with raw ring operations. */
  IO_URING("io_uring");

  private final String configName;

  AcceptorChoice(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration and messages, such as {@code event-loop}. */
  public String configName() {
    return configName;
  }

  static AcceptorChoice fromConfigName(String name) {
    return Arrays.stream(values()).filter(choice -> choice.configName.equals(name)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("no tcp.acceptor " + name));
  }

  static List<String> names() {
    return Arrays.stream(values()).map(AcceptorChoice::configName).toList();
  }
}

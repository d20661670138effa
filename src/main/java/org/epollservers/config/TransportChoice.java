package org.epollservers.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which event-loop transport the operator asked for. */
public enum TransportChoice {
  AUTO, EPOLL, NIO;

  /** The name used in configuration and messages, such as {@code epoll}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TransportChoice fromConfigName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  static List<String> names() {
    return Arrays.stream(values()).map(TransportChoice::configName).toList();
  }
}

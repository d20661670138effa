package org.epollservers;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;

import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A Vert.x on one named transport for a test, which is skipped where this machine cannot load that transport. */
public final class TestVertx {

  private TestVertx() {
  }

  /** @param transport {@code epoll} or {@code nio} */
  public static Vertx on(String transport) {
    Transport chosen = switch (transport.toLowerCase(Locale.ROOT)) {
      case "epoll" -> Transport.EPOLL;
      case "nio" -> Transport.NIO;
      default -> throw new IllegalArgumentException("no transport " + transport);
    };
    assumeTrue(chosen != null && chosen.available(), () -> transport + " is not available here"
      + (chosen == null || chosen.unavailabilityCause() == null ? "" : ": " + chosen.unavailabilityCause()));
    return Vertx.builder().withTransport(chosen).build();
  }
}

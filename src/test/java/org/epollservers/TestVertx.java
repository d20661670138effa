package org.epollservers;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Vert.x for a test that must run on one transport: the native one (epoll here) or nio. */
public final class TestVertx {

  private TestVertx() {
  }

  /** Fails the test instead of quietly running it on the other transport. */
  public static Vertx on(boolean nativeTransport) {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(nativeTransport)).build();
    assertEquals(nativeTransport, vertx.isNativeTransportEnabled(), "the transport this test is for");
    return vertx;
  }
}

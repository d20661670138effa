package org.epollservers.transport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.epollservers.config.TransportChoice;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TransportSelectorTest {

  /**
   * Where the jar ships epoll's native library and nobody turned native transports off: there it must load, so a
   * packaging mistake fails here instead of being skipped.
   */
  private static void assumeEpollShipped() {
    boolean shipped = OS.LINUX.isCurrentOs() && System.getProperty("os.arch").matches("amd64|x86_64|aarch64");
    assumeTrue(shipped && !Boolean.getBoolean("io.netty.transport.noNative"), "epoll is not shipped for this machine");
  }

  private static String runAndDescribe(TransportChoice choice, boolean expectNative) throws Exception {
    TransportSelector selector = new TransportSelector(choice);
    Vertx vertx = selector.builder(new VertxOptions()).build();
    try {
      assertEquals(expectNative, vertx.isNativeTransportEnabled());
      return selector.describe(vertx);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("on Linux x86_64 and aarch64, auto runs on epoll and says so")
  void autoIsEpollOnLinux() throws Exception {
    assumeEpollShipped();
    assertEquals("epoll", runAndDescribe(TransportChoice.AUTO, true));
  }

  @Test
  @DisplayName("epoll can be forced on Linux x86_64 and aarch64")
  void forcedEpoll() throws Exception {
    assumeEpollShipped();
    new TransportSelector(TransportChoice.EPOLL).requireAvailable();
    assertEquals("epoll", runAndDescribe(TransportChoice.EPOLL, true));
  }

  @Test
  @DisplayName("nio can be forced, and the line says it was forced")
  void forcedNio() throws Exception {
    String line = runAndDescribe(TransportChoice.NIO, false);
    assertTrue(line.startsWith("nio (forced"), line);
    assertFalse(line.contains("unavailable"));
  }
}

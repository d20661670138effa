package org.epollservers.transport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.epollservers.config.TransportChoice;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportSelectorTest {

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
  @EnabledOnOs(OS.LINUX)
  @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
  @DisplayName("on Linux x86_64, auto runs on epoll and says so")
  void autoIsEpollOnLinux() throws Exception {
    assertEquals("epoll", runAndDescribe(TransportChoice.AUTO, true));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
  @DisplayName("epoll can be forced on Linux x86_64")
  void forcedEpoll() throws Exception {
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

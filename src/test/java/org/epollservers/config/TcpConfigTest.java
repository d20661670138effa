package org.epollservers.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpConfigTest {

  private static TcpConfig tcp(JsonObject settings) {
    return AppConfig.fromJson(new JsonObject().put("tcp", settings), "test").tcp();
  }

  @Test
  @DisplayName("io_uring serves plain TCP only: with TLS or the PROXY protocol NetServer serves, and by default epoll")
  void servesOnRing() {
    JsonObject ring = new JsonObject().put("acceptor", "io_uring");
    assertTrue(tcp(ring).servesOnRing());
    assertFalse(tcp(ring.copy().put("proxyProtocol", true)).servesOnRing());
    assertFalse(tcp(ring.copy().put("tls", new JsonObject().put("certFile", "c.pem").put("keyFile", "k.pem")))
      .servesOnRing());
    assertFalse(tcp(new JsonObject()).servesOnRing());
    assertFalse(tcp(new JsonObject().put("acceptor", "vertx")).servesOnRing());
  }
}

package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiveWarmUpTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "receiver {0}")
  @ValueSource(strings = {"batched", "vertx"})
  @DisplayName("the warm-up before binding prints nothing, counts nothing, and the first real datagram is the first line")
  void warmUpLeavesNoTrace(String receiver) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    UdpVerticle verticle = new UdpVerticle(printed);
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0)
      .put("receiver", receiver).put("warmUpDatagrams", 5000));
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(30, TimeUnit.SECONDS);
    UdpTraffic traffic = UdpTraffic.of(vertx);
    assertEquals(0, traffic.receivedCount());
    assertEquals(0, printed.size());
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] payload = "first real".getBytes(StandardCharsets.US_ASCII);
      client.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), verticle.actualPort()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (printed.size() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals("127.0.0.1 " + client.getLocalPort() + " first real\n", printed.toString(StandardCharsets.UTF_8));
    }
    assertEquals(1, traffic.receivedCount());
    assertEquals(0, traffic.kernelDroppedCount(), "the warm-up's socket is not the server's");
  }
}

package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class UdpVerticleTest {

  /** Collects what the verticle prints; its methods are synchronized, as the printer thread writes it. */
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private String deploymentId;
  private UdpVerticle verticle;
  private int port;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    verticle = new UdpVerticle(printed);
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0));
    deploymentId = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    port = verticle.actualPort();
  }

  private int send(byte[] payload) throws Exception {
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
      return client.getLocalPort();
    }
  }

  private void awaitReceived(long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (verticle.received() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(count, verticle.received());
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private String awaitLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (output().split("\n", -1).length <= count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return output();
  }

  @Test
  @DisplayName("a datagram prints as one line: sender ip, sender port, payload")
  void plainLine() throws Exception {
    int from = send("hello udp".getBytes(StandardCharsets.UTF_8));
    assertEquals("127.0.0.1 " + from + " hello udp\n", awaitLines(1));
  }

  @Test
  @DisplayName("hostile bytes are escaped and cannot forge a second line")
  void hostileBytes() throws Exception {
    int from = send("ok\n127.0.0.1 1 forged\u001b[2J".getBytes(StandardCharsets.UTF_8));
    assertEquals("127.0.0.1 " + from + " ok\\n127.0.0.1 1 forged\\x1b[2J\n", awaitLines(1));
  }

  @Test
  @DisplayName("a 60,000-byte datagram arrives and prints whole")
  void largeDatagram() throws Exception {
    byte[] payload = new byte[60_000];
    Arrays.fill(payload, (byte) 'z');
    payload[payload.length - 1] = '!';
    int from = send(payload);
    String line = awaitLines(1);
    assertEquals("127.0.0.1 " + from + " " + "z".repeat(59_999) + "!\n", line);
  }

  @Test
  @DisplayName("every datagram received is printed by the time the verticle has stopped")
  void flushedAtStop(Vertx vertx) throws Exception {
    // Paced so the kernel drops none; each batch is taken from the socket, not necessarily printed, before the next:
    // printing them all before the stop completes is what this test checks.
    for (int i = 0; i < 200; i++) {
      send(("datagram " + i).getBytes(StandardCharsets.UTF_8));
      if (i % 50 == 49) {
        awaitReceived(i + 1);
      }
    }
    vertx.undeploy(deploymentId).await(10, TimeUnit.SECONDS);
    String out = output();
    for (int i = 0; i < 200; i++) {
      assertTrue(out.contains(" datagram " + i + "\n"), "missing datagram " + i);
    }
  }
}

package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UDP printer as a sender sees it; run once per receiver and transport by the subclasses. */
abstract class UdpVerticleContract {

  /** The {@code udp.receiver} under test. */
  abstract String receiver();

  /** The transport under test: {@code epoll} or {@code nio}. */
  abstract String transport();

  /** Collects what the verticle prints; its methods are synchronized, as the printer thread writes it. */
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private Vertx vertx;
  private String deploymentId;
  private UdpVerticle verticle;
  private int port;

  @BeforeEach
  void deploy() throws Exception {
    vertx = TestVertx.on(transport());
    verticle = new UdpVerticle(printed);
    // The warm-up has a test of its own; here it would only add to every test's start.
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0)
      .put("receiver", receiver()).put("warmUpDatagrams", 0));
    deploymentId = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    port = verticle.actualPort();
  }

  @AfterEach
  void closeVertx() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private int send(byte[] payload) throws Exception {
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      send(client, payload);
      return client.getLocalPort();
    }
  }

  private void send(DatagramSocket client, byte[] payload) throws Exception {
    client.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
  }

  /** Lines printed, counted by payload text. */
  private Map<String, Integer> payloadCounts(String out) {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.split(" ", 3);
      counts.merge(parts.length == 3 ? parts[2] : "malformed: " + line, 1, Integer::sum);
    }
    return counts;
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
  @DisplayName("an empty datagram still prints its line")
  void emptyDatagram() throws Exception {
    int from = send(new byte[0]);
    assertEquals("127.0.0.1 " + from + " \n", awaitLines(1));
  }

  @Test
  @DisplayName("back-to-back datagrams of very different sizes each print once, whole, with nothing of another")
  void mixedSizesInOneBurst() throws Exception {
    int[] sizes = {1, 60_000, 3, 2_049, 0, 65_000, 17, 1_500, 40_000, 2};
    Map<String, Integer> expected = new HashMap<>();
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.setSendBufferSize(1 << 20);
      for (int i = 0; i < sizes.length; i++) {
        byte[] payload = new byte[sizes[i]];
        Arrays.fill(payload, (byte) ('a' + i));
        send(client, payload);
        expected.merge(new String(payload, StandardCharsets.US_ASCII), 1, Integer::sum);
      }
    }
    awaitReceived(sizes.length);
    vertx.undeploy(deploymentId).await(10, TimeUnit.SECONDS);
    assertEquals(expected, payloadCounts(output()));
  }

  @Test
  @DisplayName("a burst of 1,000 numbered datagrams prints each exactly once")
  void burstEachOnce() throws Exception {
    Map<String, Integer> expected = new HashMap<>();
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.setSendBufferSize(1 << 20);
      for (int i = 0; i < 1_000; i++) {
        String text = "n=" + i;
        send(client, text.getBytes(StandardCharsets.US_ASCII));
        expected.put(text, 1);
        if (i % 250 == 249) {
          // well inside the socket's buffer, so the kernel drops none, but fast enough to be read many per wake-up
          awaitReceived(i + 1);
        }
      }
    }
    vertx.undeploy(deploymentId).await(10, TimeUnit.SECONDS);
    assertEquals(expected, payloadCounts(output()));
  }

  @Test
  @DisplayName("every datagram received is printed by the time the verticle has stopped")
  void flushedAtStop() throws Exception {
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

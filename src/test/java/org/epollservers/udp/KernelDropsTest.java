package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@EnabledOnOs(OS.LINUX)
class KernelDropsTest {

  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The kernel's own count of drops for the socket bound to {@code port}, read as an operator would. */
  private static long procDrops(int port) throws Exception {
    long drops = 0;
    // Netty's native sockets are IPv6 ones, also when bound to an IPv4 address: both tables are read.
    for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
      for (String row : Files.readAllLines(Path.of(table))) {
        String[] columns = row.trim().split("\\s+");
        if (columns[1].endsWith(String.format(":%04X", port))) {
          drops += Long.parseLong(columns[12]);
        }
      }
    }
    return drops;
  }

  @ParameterizedTest(name = "receiver {0}")
  @ValueSource(strings = {"batched", "vertx"})
  @DisplayName("datagrams the kernel drops while the loop is stalled are counted, exactly as the kernel counts them")
  void kernelDropsCounted(String receiver) throws Exception {
    assumeTrue(Transport.EPOLL != null && Transport.EPOLL.available(), "epoll is not available here");
    // One event loop: stalling it stalls the receiver.
    vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withTransport(Transport.EPOLL).build();
    UdpVerticle verticle = new UdpVerticle(new ByteArrayOutputStream());
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0)
      .put("receiver", receiver).put("receiveBufferBytes", 65536).put("warmUpDatagrams", 0));
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    int port = verticle.actualPort();
    UdpTraffic traffic = UdpTraffic.of(vertx);
    int sent = 3000;
    vertx.runOnContext(stall -> sleep(1000));
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] payload = new byte[500];
      for (int i = 0; i < sent; i++) {
        client.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (traffic.receivedCount() + traffic.kernelDroppedCount() < sent && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long kernel = traffic.kernelDroppedCount();
    assertTrue(kernel > 0, "the stall made the kernel drop some");
    assertEquals(procDrops(port), kernel, "the same count the kernel gives for the socket");
    assertEquals(sent, traffic.receivedCount() + kernel, "every datagram sent was either received or dropped by the kernel");
    assertTrue(traffic.summary().contains(kernel + " dropped by the kernel"), traffic.summary());
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await(10, TimeUnit.SECONDS);
    assertEquals(kernel, traffic.kernelDroppedCount(), "the count stays once the socket is closed");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

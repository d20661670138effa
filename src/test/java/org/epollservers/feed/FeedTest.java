package org.epollservers.feed;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.node.NodeIdentity;
import org.epollservers.cluster.TailVerticle;
import org.epollservers.udp.UdpTraffic;
import org.epollservers.udp.UdpVerticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.epollservers.Conditions.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The datagram feed on a real event bus: a node publishing, a tail printing, and a subscriber that stops reading. */
class FeedTest {

  private Vertx vertx;
  private int port;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void startNode() throws Exception {
    vertx = Vertx.vertx();
    UdpVerticle node = new UdpVerticle(printed);
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("publish", true)
      .put("warmUpDatagrams", 0));
    vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    port = node.actualPort();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }


  /** Sends {@code count} numbered datagrams, in steps the socket's buffer always holds. */
  private int send(int count, String prefix) throws Exception {
    UdpTraffic traffic = UdpTraffic.of(vertx);
    long before = traffic.receivedCount();
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < count; i++) {
        byte[] payload = (prefix + i).getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
        if (i % 500 == 499) {
          long sent = before + i + 1;
          await(() -> traffic.receivedCount() >= sent, "the node to read " + sent);
        }
      }
      return client.getLocalPort();
    }
  }

  @Test
  @DisplayName("every datagram reaches the tail, in order, as <node> <ip> <port> <payload>, and the node still prints it")
  void tailPrintsEveryDatagram() throws Exception {
    ByteArrayOutputStream tailed = new ByteArrayOutputStream();
    vertx.deployVerticle(new TailVerticle(tailed)).await(10, TimeUnit.SECONDS);
    FeedQueue queue = FeedQueue.of(vertx, 0);
    await(() -> queue.subscriberCount() == 1, "the tail's subscription to reach the node");
    int from = send(3000, "n=");
    await(() -> tailed.toString(StandardCharsets.UTF_8).split("\n", -1).length > 3000, "3000 lines at the tail");
    String[] lines = tailed.toString(StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < 3000; i++) {
      assertEquals(NodeIdentity.id() + " 127.0.0.1 " + from + " n=" + i, lines[i]);
    }
    assertEquals(3000, queue.sentCount());
    assertEquals(0, queue.droppedCount());
    // The node's own printer runs on its own thread and may finish after the feed has reached the tail.
    UdpTraffic traffic = UdpTraffic.of(vertx);
    await(() -> traffic.printedCount() >= 3000, "the node to print 3000");
    assertEquals(3000, traffic.printedCount());
  }

  @Test
  @DisplayName("a tail configured for json prints one object per datagram, with the node and the exact bytes")
  void tailPrintsJson() throws Exception {
    ByteArrayOutputStream tailed = new ByteArrayOutputStream();
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("format", "json"));
    vertx.deployVerticle(new TailVerticle(tailed), new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    await(() -> FeedQueue.of(vertx, 0).subscriberCount() == 1, "the tail's subscription to reach the node");
    int from = send(2, "j\u001b");
    await(() -> tailed.toString(StandardCharsets.UTF_8).split("\n", -1).length > 2, "2 lines at the tail");
    String[] lines = tailed.toString(StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < 2; i++) {
      JsonObject line = new JsonObject(lines[i]);
      assertEquals(NodeIdentity.id(), line.getString("node"));
      assertEquals("127.0.0.1", line.getString("host"));
      assertEquals(from, line.getInteger("port"));
      assertEquals("j\\x1b" + i, line.getString("text"));
      assertEquals("j\u001b" + i, new String(java.util.Base64.getDecoder().decode(line.getString("base64")), StandardCharsets.US_ASCII));
      assertTrue(line.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.getString("time"));
    }
  }

  @Test
  @DisplayName("a tail configured for hex with timestamps prints the time, node and sender, then the dump")
  void tailPrintsHex() throws Exception {
    ByteArrayOutputStream tailed = new ByteArrayOutputStream();
    JsonObject config = new JsonObject().put("udp", new JsonObject().put("format", "hex").put("timestamps", true));
    vertx.deployVerticle(new TailVerticle(tailed), new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    await(() -> FeedQueue.of(vertx, 0).subscriberCount() == 1, "the tail's subscription to reach the node");
    int from = send(1, "hex");
    await(() -> tailed.toString(StandardCharsets.UTF_8).split("\n", -1).length > 3, "3 lines at the tail");
    String out = tailed.toString(StandardCharsets.UTF_8);
    assertTrue(out.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
      + java.util.regex.Pattern.quote(NodeIdentity.id()) + " 127\\.0\\.0\\.1 " + from + " 4 bytes\n"
      + "00000000  68 65 78 30 {39}\\|hex0\\|\n00000004\n"), out);
  }

  @Test
  @DisplayName("a subscriber that stops answering is sent at most its window; the rest is dropped, counted, and still printed")
  void stalledSubscriberCostsOnlyItsFeed() throws Exception {
    AtomicInteger batches = new AtomicInteger();
    Set<Integer> sizes = new HashSet<>();
    String address = "test.stalled.subscriber";
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      batches.incrementAndGet();
      sizes.add(message.body().getJsonArray("datagrams").size());
    }).completion().await(10, TimeUnit.SECONDS);
    FeedQueue queue = FeedQueue.of(vertx, 0);
    // The node deploys its feed sender after it listens, so a single early request could reach no one: ask again until
    // it is taken, as a real subscriber renews.
    await(() -> {
      vertx.eventBus().publish(FeedMessages.SUBSCRIBE, FeedMessages.subscribe(address, 4));
      return queue.subscriberCount() == 1;
    }, "the node to take the subscription");
    long start = System.nanoTime();
    send(20_000, "flood ");
    UdpTraffic traffic = UdpTraffic.of(vertx);
    await(() -> traffic.printedCount() == traffic.receivedCount() && queue.offeredCount() == traffic.receivedCount()
      && queue.sentCount() + queue.droppedCount() == traffic.receivedCount(), "every datagram printed and accounted for");
    // An unanswered batch stops counting after FeedVerticle.ANSWER_TIMEOUT_MILLIS: allow a window per such period.
    long periods = 1 + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / FeedVerticle.ANSWER_TIMEOUT_MILLIS;
    assertTrue(batches.get() >= 4 && batches.get() <= 4 * periods, "the window, and no more, while none was answered: "
      + batches.get());
    assertTrue(queue.droppedCount() > 0, "the rest was dropped from the feed");
    assertTrue(sizes.stream().allMatch(size -> size <= FeedVerticle.MAX_DATAGRAMS_PER_MESSAGE), sizes.toString());
  }
}

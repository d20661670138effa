package org.epollservers.udp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.epollservers.Conditions.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The UDP output formats and the sender limits as a sender sees them; run per receiver and transport by subclasses. */
abstract class UdpOutputContract {

  /** Bytes every format must show faithfully: quote, backslash, NUL, ESC, a byte that is not UTF-8, LF, é. */
  private static final byte[] AWKWARD = {'h', 'i', '"', '\\', 0x00, 0x1b, (byte) 0xff, '\n', (byte) 0xc3, (byte) 0xa9};

  private static final String RFC_3339_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  /** The {@code udp.receiver} under test. */
  abstract String receiver();

  /** The transport under test: {@code epoll} or {@code nio}. */
  abstract String transport();

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private Vertx vertx;
  private UdpVerticle verticle;
  private UdpTraffic traffic;
  private int port;

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.on(transport());
    traffic = UdpTraffic.of(vertx);
  }

  @AfterEach
  void closeVertx() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Deploys the printer on {@code host}, port 0, with these udp keys besides. */
  private void deploy(String host, JsonObject udp) throws Exception {
    verticle = new UdpVerticle(printed);
    JsonObject config = new JsonObject().put("udp", udp.copy().put("host", host).put("port", 0)
      .put("receiver", receiver()).put("warmUpDatagrams", 0));
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    port = verticle.actualPort();
  }

  private void deploy(JsonObject udp) throws Exception {
    deploy("127.0.0.1", udp);
  }

  /** Sends from a fresh socket on {@code from} to the printer on {@code to}; returns the sender's port. */
  private int send(String from, String to, byte[] payload) throws Exception {
    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(from, 0))) {
      client.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(to), port));
      return client.getLocalPort();
    }
  }

  private int send(byte[] payload) throws Exception {
    return send("127.0.0.1", "127.0.0.1", payload);
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }


  /** Waits until every datagram received so far has been printed (or refused), and returns the output. */
  private String awaitSettled(long received) throws InterruptedException {
    await(() -> traffic.receivedCount() >= received, received + " datagrams received");
    await(() -> traffic.printedCount() + traffic.droppedCount() + traffic.deniedCount() + traffic.overRateCount()
      == traffic.receivedCount(), "every datagram received printed or refused");
    assertEquals(received, traffic.receivedCount());
    return output();
  }

  @Test
  @DisplayName("json: one object per line, parsed back to the sender, size, escaped text and the exact bytes")
  void json() throws Exception {
    deploy(new JsonObject().put("format", "json"));
    Instant before = Instant.now().minusMillis(1);
    int from = send(AWKWARD);
    String out = awaitSettled(1);
    assertTrue(out.endsWith("}\n") && out.indexOf('\n') == out.length() - 1, out);
    JsonObject line = new JsonObject(out.trim());
    assertEquals("127.0.0.1", line.getString("host"));
    assertEquals(from, line.getInteger("port"));
    assertEquals(AWKWARD.length, line.getInteger("size"));
    assertEquals("hi\"\\\\\\x00\\x1b\\xff\\n\u00e9", line.getString("text"));
    assertArrayEquals(AWKWARD, Base64.getDecoder().decode(line.getString("base64")));
    assertTrue(line.getString("time").matches(RFC_3339_MILLIS), line.getString("time"));
    Instant time = Instant.parse(line.getString("time"));
    assertTrue(!time.isBefore(before) && time.isBefore(Instant.now().plusMillis(1)), "received at " + time);
    assertEquals(6, line.size(), "time, host, port, size, text and base64: " + line.fieldNames());
  }

  @Test
  @DisplayName("json: an empty datagram and a 60,000-byte one each make one whole object")
  void jsonSizes() throws Exception {
    deploy(new JsonObject().put("format", "json"));
    byte[] large = new byte[60_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) i;
    }
    send(new byte[0]);
    send(large);
    String[] lines = awaitSettled(2).split("\n");
    assertEquals(2, lines.length);
    assertEquals(0, new JsonObject(lines[0]).getInteger("size"));
    assertEquals("", new JsonObject(lines[0]).getString("base64"));
    assertArrayEquals(large, Base64.getDecoder().decode(new JsonObject(lines[1]).getString("base64")));
  }

  @Test
  @DisplayName("hex: the sender line, then the bytes as hexdump -C shows them, then the size")
  void hex() throws Exception {
    deploy(new JsonObject().put("format", "hex"));
    byte[] payload = new byte[40];
    byte[] text = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, payload, 0, text.length);
    for (int i = 0; i < 16; i++) {
      payload[text.length + i] = (byte) i;
    }
    System.arraycopy("ABCDEFGHIJK".getBytes(StandardCharsets.US_ASCII), 0, payload, 29, 11);
    int from = send(payload);
    assertEquals("127.0.0.1 " + from + " 40 bytes\n"
      + "00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 01 02  |hello, world....|\n"
      + "00000010  03 04 05 06 07 08 09 0a  0b 0c 0d 0e 0f 41 42 43  |.............ABC|\n"
      + "00000020  44 45 46 47 48 49 4a 4b                           |DEFGHIJK|\n"
      + "00000028\n", awaitSettled(1));
  }

  @Test
  @DisplayName("hex: bytes past ASCII show as dots, an empty datagram as its sender line and offset 0")
  void hexEdges() throws Exception {
    deploy(new JsonObject().put("format", "hex"));
    int first = send(AWKWARD);
    String out = awaitSettled(1);
    int second = send(new byte[0]);
    assertEquals("127.0.0.1 " + first + " 10 bytes\n"
      + "00000000  68 69 22 5c 00 1b ff 0a  c3 a9                    |hi\"\\......|\n"
      + "0000000a\n"
      + "127.0.0.1 " + second + " 0 bytes\n"
      + "00000000\n", awaitSettled(2));
    assertTrue(out.length() > 0);
  }

  @Test
  @DisplayName("hex: a 65,507-byte datagram, the largest over IPv4, is dumped whole")
  void hexLargest() throws Exception {
    deploy(new JsonObject().put("format", "hex"));
    byte[] payload = new byte[65_507];
    payload[payload.length - 1] = 'Z';
    int from = send(payload);
    String[] lines = awaitSettled(1).split("\n");
    assertEquals("127.0.0.1 " + from + " 65507 bytes", lines[0]);
    assertEquals(1 + (65_507 + 15) / 16 + 1, lines.length);
    assertEquals("0000ffe0  00 00 5a                                          |..Z|", lines[lines.length - 2]);
    assertEquals("0000ffe3", lines[lines.length - 1]);
  }

  @Test
  @DisplayName("timestamps: a text line starts with the RFC 3339 time to the millisecond")
  void timestamps() throws Exception {
    deploy(new JsonObject().put("timestamps", true));
    int from = send("hello".getBytes(StandardCharsets.US_ASCII));
    String out = awaitSettled(1);
    assertTrue(out.matches(RFC_3339_MILLIS + " 127\\.0\\.0\\.1 " + from + " hello\n"), out);
  }

  @Test
  @DisplayName("timestamps: a hex sender line starts with the time, the dump does not")
  void hexTimestamps() throws Exception {
    deploy(new JsonObject().put("timestamps", true).put("format", "hex"));
    int from = send("hi".getBytes(StandardCharsets.US_ASCII));
    String hex = awaitSettled(1);
    assertTrue(hex.matches(RFC_3339_MILLIS + " 127\\.0\\.0\\.1 " + from + " 2 bytes\n"
      + "00000000  68 69 {45}\\|hi\\|\n00000002\n"), hex);
  }

  @Test
  @DisplayName("allow: a sender outside the list is neither printed nor published, and counted as denied")
  void allow() throws Exception {
    deploy(new JsonObject().put("allow", new JsonArray().add("127.0.0.2/32")).put("publish", true));
    send("127.0.0.1", "127.0.0.1", "refused".getBytes(StandardCharsets.US_ASCII));
    int allowed = send("127.0.0.2", "127.0.0.1", "allowed".getBytes(StandardCharsets.US_ASCII));
    assertEquals("127.0.0.2 " + allowed + " allowed\n", awaitSettled(2));
    assertEquals(1, traffic.deniedCount());
    assertEquals(1, traffic.printedCount());
    assertEquals(0, traffic.overRateCount());
    assertTrue(traffic.summary().contains("; refused: 1 not in udp.allow, 0 over udp.ratePerSender"), traffic.summary());
    assertEquals(1, org.epollservers.feed.FeedQueue.of(vertx, 1 << 20).offeredCount(), "only the allowed one published");
  }

  @Test
  @DisplayName("allow over IPv6: ::1 is matched by its own block, an IPv4 sender on a dual-stack socket by IPv4 blocks")
  void allowIpv6() throws Exception {
    assumeTrue(hasIpv6Loopback(), "no IPv6 loopback here");
    deploy("::", new JsonObject().put("allow", new JsonArray().add("::1").add("127.0.0.2/32")));
    int six = send("::1", "::1", "six".getBytes(StandardCharsets.US_ASCII));
    send("127.0.0.1", "127.0.0.1", "refused".getBytes(StandardCharsets.US_ASCII));
    int four = send("127.0.0.2", "127.0.0.1", "four".getBytes(StandardCharsets.US_ASCII));
    String out = awaitSettled(3);
    // Java writes ::1 in full, with the scope id of the socket it came through.
    assertTrue(out.matches("(?s).*0:0:0:0:0:0:0:1(%\\w+)? " + six + " six\n.*"), out);
    assertTrue(out.contains("127.0.0.2 " + four + " four\n"), out);
    assertEquals(2, out.split("\n").length, out);
    assertEquals(1, traffic.deniedCount());
  }

  private static boolean hasIpv6Loopback() {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      return probe.getLocalPort() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @DisplayName("ratePerSender: a burst from one address prints about a second's worth, the rest counted; another address is unaffected")
  void ratePerSender() throws Exception {
    int rate = 20;
    int sent = 300;
    deploy(new JsonObject().put("ratePerSender", rate));
    long start = System.nanoTime();
    // Many source ports, one address: the budget is the address's.
    try (DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
         DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      for (int i = 0; i < sent; i++) {
        byte[] payload = ("n=" + i).getBytes(StandardCharsets.US_ASCII);
        (i % 2 == 0 ? a : b).send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
      }
    }
    awaitSettled(sent);
    double seconds = (System.nanoTime() - start) / 1e9;
    long printedLines = output().lines().count();
    assertTrue(printedLines >= rate && printedLines <= rate + Math.ceil(rate * seconds) + 1,
      printedLines + " printed in " + seconds + " s at " + rate + "/s");
    assertEquals(sent - printedLines, traffic.overRateCount());
    assertEquals(0, traffic.deniedCount());
    for (int i = 0; i < 10; i++) {
      send("127.0.0.2", "127.0.0.1", ("other " + i).getBytes(StandardCharsets.US_ASCII));
    }
    String out = awaitSettled(sent + 10);
    for (int i = 0; i < 10; i++) {
      assertTrue(out.contains(" other " + i + "\n"), "127.0.0.2 has a budget of its own: " + i);
    }
    assertEquals(sent - printedLines, traffic.overRateCount());
  }

  @Test
  @DisplayName("ratePerSender: a sender's budget refills with time")
  void rateRefills() throws Exception {
    deploy(new JsonObject().put("ratePerSender", 50));
    for (int i = 0; i < 100; i++) {
      send(("first " + i).getBytes(StandardCharsets.US_ASCII));
    }
    awaitSettled(100);
    assertTrue(traffic.overRateCount() > 0);
    long refused = traffic.overRateCount();
    Thread.sleep(Duration.ofMillis(1100).toMillis());
    for (int i = 0; i < 40; i++) {
      send(("later " + i).getBytes(StandardCharsets.US_ASCII));
    }
    String out = awaitSettled(140);
    assertEquals(refused, traffic.overRateCount(), "a full bucket again after a second: " + out.lines().count());
  }
}

package org.epollservers.launcher;

import io.vertx.core.json.JsonObject;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The jar as a user runs it: start-up summary, both servers, SIGTERM, single verticles and instances. */
class LauncherIT {

  /** Every port ephemeral, every address loopback. */
  static final String EPHEMERAL = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":0},\"udp\":{\"host\":\"127.0.0.1\",\"port\":0},"
    + "\"admin\":{\"host\":\"127.0.0.1\",\"port\":0}}";

  static final byte[] SEED_RESPONSE = ("HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
    + "Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n" + "H".repeat(1024)).getBytes(StandardCharsets.US_ASCII);

  static byte[] request(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toByteArray();
    }
  }

  static int sendDatagram(int port, String payload) throws Exception {
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      return client.getLocalPort();
    }
  }

  @Test
  @DisplayName("from an empty directory the jar starts both servers, warms UDP up, reports where, answers, prints and stops on SIGTERM")
  void runsFromAnyDirectory(@TempDir Path dir) throws Exception {
    Map<String, String> defaultWarmUp = Map.of("UDP_WARM_UP_DATAGRAMS", "60000");
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), defaultWarmUp)) {
      int tcp = app.tcpPort();
      int udp = app.udpPort();
      // At most 2 s of warm-up: on a loaded machine fewer than asked may pass through.
      app.awaitStderr(Pattern.compile("udp warmed up: [1-9]\\d* datagrams through the receive path in \\d+ ms"));
      app.awaitStderr(Pattern.compile("config from defaults, environment UDP_WARM_UP_DATAGRAMS, -conf \\(inline JSON\\)"));
      assertArrayEquals(SEED_RESPONSE, request(tcp));
      int from = sendDatagram(udp, "hi\u001b[31m");
      app.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " hi\\x1b[31m")));
      for (int i = 0; i < 50; i++) {
        sendDatagram(udp, "burst " + i);
      }
      // SIGTERM right away: the burst is still in the socket's kernel buffer, and must not be lost.
      assertEquals(143, app.terminate(), "SIGTERM ends the JVM with 128 + 15");
      List<String> out = app.stdout();
      assertEquals(51, out.size(), "stdout carries every datagram line and nothing else: " + out + app.stderr());
      for (int i = 0; i < 50; i++) {
        assertTrue(out.get(i + 1).endsWith(" burst " + i), out.toString());
      }
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("udp stopped: 51 datagrams received, 51 printed, 0 dropped")),
        app.stderr().toString());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
  @DisplayName("on Linux x86_64 the start-up line names epoll")
  void reportsEpoll(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-conf", EPHEMERAL)) {
      app.awaitStderr(Pattern.compile("transport epoll$"));
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("event loops are 2 x instances + 1, not twice the cores: one per TCP and UDP instance, one for the rest")
  void eventLoopsFollowInstances(@TempDir Path dir) throws Exception {
    for (int instances : new int[] {1, 2}) {
      try (AppProcess app = AppProcess.start(dir, "-conf", EPHEMERAL, "-instances", String.valueOf(instances))) {
        app.awaitStderr(Pattern.compile("started in \\d+ ms"));
        assertEquals(2 * instances + 1, threadsNamed(app.pid(), "vert.x-eventloo"), instances + " instance(s)");
      }
    }
  }

  /** Threads of {@code pid} whose name starts with {@code prefix} (Linux keeps the first 15 characters). */
  private static long threadsNamed(long pid, String prefix) throws Exception {
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return tasks.filter(task -> {
        try {
          return Files.readString(task.resolve("comm")).startsWith(prefix);
        } catch (java.io.IOException ended) {
          return false;
        }
      }).count();
    }
  }

  @Test
  @DisplayName("a forced nio transport is used and reported")
  void forcedNio(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), Map.of("TRANSPORT", "nio"))) {
      app.awaitStderr(Pattern.compile("transport nio \\(forced by configuration\\)"));
      assertArrayEquals(SEED_RESPONSE, request(app.tcpPort()));
    }
  }

  @Test
  @DisplayName("tcp.acceptor io_uring serves from a loop of its own per instance, says so, and stops cleanly")
  void ioUringAcceptor(@TempDir Path dir) throws Exception {
    assumeTrue(IoUring.isAvailable(), "io_uring is not available here");
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL, "-instances", "2"),
      Map.of("TCP_ACCEPTOR", "io_uring"))) {
      int tcp = app.tcpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("accepting on a loop of its own on io_uring")),
        app.stderr().toString());
      assertEquals(2, threadsNamed(app.pid(), "tcp-io_uring"), "one io_uring loop per instance");
      for (int i = 0; i < 20; i++) {
        assertArrayEquals(SEED_RESPONSE, request(tcp));
      }
      assertEquals(143, app.terminate());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("tcp stopped: 20 connections accepted, 20 responses")),
        app.stderr().toString());
    }
  }

  @Test
  @DisplayName("the UDP verticle alone can be deployed by name with its JSON config")
  void udpVerticleAlone(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "org.epollservers.udp.UdpVerticle", "-conf", "{\"udp\":{\"host\":\"127.0.0.1\",\"port\":0}}")) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      int from = sendDatagram(udp, "alone");
      app.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " alone")));
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("tcp listening")), app.stderr().toString());
    }
  }

  @Test
  @DisplayName("without a native transport, auto falls back to nio and says why, and forcing epoll or io_uring is refused")
  void noNativeTransport(@TempDir Path dir) throws Exception {
    // Netty's own switch makes every native transport unavailable, as on a machine without the libraries.
    List<String> noNative = List.of("-Dio.netty.transport.noNative=true");
    try (AppProcess app = AppProcess.start(dir, noNative, List.of("-conf", EPHEMERAL), Map.of())) {
      int tcp = app.tcpPort();
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("transport nio \\(native transport unavailable: .*noNative"));
      assertArrayEquals(SEED_RESPONSE, request(tcp));
      int from = sendDatagram(udp, "on nio");
      app.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " on nio")));
      assertEquals(143, app.terminate());
    }
    JsonObject forced = new JsonObject(EPHEMERAL).put("transport", "epoll");
    try (AppProcess app = AppProcess.start(dir, noNative, List.of("-conf", forced.encode()), Map.of())) {
      assertEquals(Main.EXIT_CONFIG, app.awaitExit(), app.stderr().toString());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("config refused: transport: epoll was asked for but is "
        + "not available here")), app.stderr().toString());
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening")), app.stderr().toString());
    }
    JsonObject onRing = new JsonObject(EPHEMERAL);
    onRing.getJsonObject("tcp").put("acceptor", "io_uring");
    try (AppProcess app = AppProcess.start(dir, noNative, List.of("-conf", onRing.encode()), Map.of())) {
      assertEquals(Main.EXIT_CONFIG, app.awaitExit(), app.stderr().toString());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("config refused: ") && l.contains("tcp.acceptor: io_uring "
        + "was asked for but is not available here")), app.stderr().toString());
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening")), app.stderr().toString());
    }
  }

  @Test
  @DisplayName("stdout to /dev/full: every datagram counts as dropped, none as printed, and the failure is said once")
  void stdoutFull(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.startWithStdout(dir, AppProcess.Stdout.FULL, "-conf", EPHEMERAL)) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      for (int i = 0; i < 200; i++) {
        sendDatagram(udp, "to nowhere " + i);
      }
      app.awaitStderr(Pattern.compile("udp-printer: cannot write to the output \\(No space left on device\\)"));
      assertEquals(143, app.terminate());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("udp stopped: 200 datagrams received, 0 printed, 200 dropped")),
        app.stderr().toString());
      assertEquals(1, app.stderr().stream().filter(l -> l.contains("cannot write to the output")).count(), "said once");
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("started with stdout closed (>&-), the jar refuses with exit 74 instead of writing into a reused descriptor")
  void stdoutClosed(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.startWithStdout(dir, AppProcess.Stdout.CLOSED, "-conf", EPHEMERAL)) {
      assertEquals(Main.EXIT_IO, app.awaitExit(), app.stderr().toString());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("cannot start: stdout is not open for writing")),
        app.stderr().toString());
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening")), app.stderr().toString());
    }
  }

  @Test
  @DisplayName("transport io_uring, offered before, is refused at start with the reason, before anything binds")
  void ioUringRefused(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), Map.of("TRANSPORT", "io_uring"))) {
      assertEquals(Main.EXIT_CONFIG, app.awaitExit(), app.stderr().toString());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("config refused: environment TRANSPORT: transport: "
        + "io_uring is no longer offered")), app.stderr().toString());
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening")), app.stderr().toString());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("-instances 3 runs three TCP instances on one listener and three UDP sockets on one port, lines intact")
  void instances(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-instances", "3", "-conf", EPHEMERAL)) {
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      int tcp = app.tcpPort();
      int udp = app.udpPort();
      assertEquals(3, app.stderr().stream().filter(l -> l.contains("tcp listening on 127.0.0.1:" + tcp)).count(), app.stderr().toString());
      assertEquals(3, app.stderr().stream().filter(l -> l.contains("udp listening on 127.0.0.1:" + udp)).count(), app.stderr().toString());
      for (int i = 0; i < 6; i++) {
        assertArrayEquals(SEED_RESPONSE, request(tcp));
      }
      // Each datagram from its own source port, so the kernel spreads them over the three sockets.
      String filler = "x".repeat(3000);
      for (int i = 0; i < 90; i++) {
        sendDatagram(udp, "spread " + i + " " + filler);
      }
      app.awaitStdout(Pattern.compile(" spread 89 "));
      assertEquals(143, app.terminate());
      List<String> lines = app.stdout();
      assertEquals(90, lines.size(), "one whole line per datagram");
      for (String line : lines) {
        assertTrue(line.matches("127\\.0\\.0\\.1 \\d+ spread \\d+ x{3000}"), "a line was cut or mixed: " + line.length());
      }
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("without reusePort a second JVM is refused a port the first shares among its instances, TCP and UDP alike")
  void instancesDoNotShareWithOtherProcesses(@TempDir Path dir) throws Exception {
    try (AppProcess first = AppProcess.start(dir, "-instances", "2", "-conf", EPHEMERAL)) {
      int tcp = first.tcpPort();
      int udp = first.udpPort();
      first.awaitStderr(Pattern.compile("started in \\d+ ms"));
      String sameTcp = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":" + tcp + "},\"udp\":{\"host\":\"127.0.0.1\",\"port\":0},"
        + "\"admin\":{\"port\":0}}";
      try (AppProcess second = AppProcess.start(dir, "-instances", "2", "-conf", sameTcp)) {
        assertEquals(15, second.awaitExit(), second.stderr().toString());
        assertTrue(second.stderr().stream().anyMatch(l -> l.contains("tcp.port " + tcp + " on 127.0.0.1 cannot be bound: "
          + "Address already in use")), second.stderr().toString());
      }
      String sameUdp = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":0},\"udp\":{\"host\":\"127.0.0.1\",\"port\":" + udp + "},"
        + "\"admin\":{\"port\":0}}";
      try (AppProcess second = AppProcess.start(dir, "-instances", "2", "-conf", sameUdp)) {
        assertEquals(15, second.awaitExit(), second.stderr().toString());
        assertTrue(second.stderr().stream().anyMatch(l -> l.contains("udp.port " + udp + " on 127.0.0.1 cannot be bound: "
          + "Address already in use")), second.stderr().toString());
      }
      for (int i = 0; i < 20; i++) {
        int from = sendDatagram(udp, "still mine " + i);
        first.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " still mine " + i)));
      }
      assertArrayEquals(SEED_RESPONSE, request(tcp));
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("with reusePort two JVMs serve the same TCP and UDP ports")
  void twoJvmsShareThePorts(@TempDir Path dir) throws Exception {
    Map<String, String> reuse = Map.of("TCP_REUSE_PORT", "true", "UDP_REUSE_PORT", "true");
    try (AppProcess first = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), reuse)) {
      int tcp = first.tcpPort();
      int udp = first.udpPort();
      String samePorts = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":" + tcp + "},\"udp\":{\"host\":\"127.0.0.1\",\"port\":" + udp + "},"
        + "\"admin\":{\"port\":0}}";
      try (AppProcess second = AppProcess.start(dir, List.of(), List.of("-conf", samePorts), reuse)) {
        assertEquals(tcp, second.tcpPort());
        assertEquals(udp, second.udpPort());
        second.awaitStderr(Pattern.compile("started in \\d+ ms"));
        for (int i = 0; i < 20; i++) {
          assertArrayEquals(SEED_RESPONSE, request(tcp));
        }
        first.terminate();
        assertArrayEquals(SEED_RESPONSE, request(tcp), "the second JVM serves alone once the first has stopped");
      }
    }
  }
}

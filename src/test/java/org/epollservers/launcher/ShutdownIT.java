package org.epollservers.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.EPHEMERAL;
import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.epollservers.launcher.LauncherIT.request;
import static org.epollservers.launcher.LauncherIT.sendDatagram;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful stop at SIGTERM, and the UDP operational lines, on the packaged program. */
class ShutdownIT {

  private static Socket halfRequest(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write("GET /in-flight HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  @Test
  @DisplayName("SIGTERM stops accepting, lets requests in flight finish and prints every datagram received")
  void sigtermWithRequestsInFlight(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-conf", EPHEMERAL)) {
      int tcp = app.tcpPort();
      int udp = app.udpPort();
      List<Socket> inFlight = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inFlight.add(halfRequest(tcp));
      }
      // Served after the three above were accepted: the acceptor takes connections in order.
      assertArrayEquals(SEED_RESPONSE, request(tcp));
      for (int i = 0; i < 10; i++) {
        sendDatagram(udp, "queued " + i);
      }
      ProcessHandle.of(app.pid()).orElseThrow().destroy();
      app.awaitStderr(Pattern.compile("tcp stopping: no new connections; 3 open may take up to 5s to finish"));
      assertThrows(IOException.class, () -> {
        try (Socket late = new Socket("127.0.0.1", tcp)) {
          late.setSoTimeout(5_000);
          late.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          if (late.getInputStream().read() < 0) {
            throw new IOException("closed without an answer");
          }
        }
      }, "a connection after SIGTERM must not be served");
      for (Socket socket : inFlight) {
        try (socket) {
          socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
          ByteArrayOutputStream answer = new ByteArrayOutputStream();
          socket.getInputStream().transferTo(answer);
          assertArrayEquals(SEED_RESPONSE, answer.toByteArray());
        }
      }
      assertEquals(143, app.awaitExit());
      assertEquals(10, app.stdout().size(), app.stdout().toString());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("tcp stopped: 4 connections accepted, 4 responses")),
        app.stderr().toString());
    }
  }

  @Test
  @DisplayName("with stdout stalled (its reader stopped), SIGTERM still exits within the grace, unwritten lines counted as dropped")
  void sigtermWithStalledStdout(@TempDir Path dir) throws Exception {
    JsonObject conf = new JsonObject(EPHEMERAL);
    conf.getJsonObject("tcp").put("shutdownGrace", "1s");
    conf.getJsonObject("udp").put("statsInterval", "100ms");
    try (AppProcess app = AppProcess.startWithStdout(dir, AppProcess.Stdout.UNREAD, "-conf", conf.encode())) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      String payload = "x".repeat(1000);
      // Far more than the pipe holds (64 KiB here), paced so the kernel's receive buffer drops none.
      for (int i = 0; i < 2000; i++) {
        sendDatagram(udp, payload);
        if (i % 200 == 199) {
          Thread.sleep(20);
        }
      }
      app.awaitStderr(Pattern.compile("udp 2000 datagrams received"));
      long start = System.nanoTime();
      assertEquals(143, app.terminate());
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(seconds < 15, "exited " + seconds + " s after SIGTERM with a 1 s grace");
      Matcher stopped = app.awaitStderr(Pattern.compile("udp stopped: (\\d+) datagrams received, (\\d+) printed, (\\d+) dropped"));
      long received = Long.parseLong(stopped.group(1));
      long printed = Long.parseLong(stopped.group(2));
      long dropped = Long.parseLong(stopped.group(3));
      assertEquals(received, printed + dropped, stopped.group());
      assertTrue(printed < 200 && dropped > 1000, "at most a pipe's worth reached stdout: " + stopped.group());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("with -XX:+DisplayVMOutputToStderr a SIGQUIT thread dump goes to stderr, never among the datagram lines")
  void threadDumpOnStderr(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of("-XX:+DisplayVMOutputToStderr"), List.of("-conf", EPHEMERAL), Map.of())) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("thread dump (SIGQUIT) would go to stdout")), app.stderr().toString());
      int from = sendDatagram(udp, "before the dump");
      app.awaitStdout(Pattern.compile(" before the dump$"));
      new ProcessBuilder("kill", "-QUIT", String.valueOf(app.pid())).start().waitFor();
      app.awaitStderr(Pattern.compile("Full thread dump"));
      sendDatagram(udp, "after the dump");
      app.awaitStdout(Pattern.compile(" after the dump$"));
      assertEquals(List.of("127.0.0.1 " + from + " before the dump"), app.stdout().subList(0, 1));
      assertEquals(2, app.stdout().size(), "stdout holds the two datagram lines and nothing else: " + app.stdout());
    }
  }

  @Test
  @DisplayName("SIGTERM while the servers are still starting stops what is up and exits 143, told as a stop, not a failure")
  void sigtermDuringStart(@TempDir Path dir) throws Exception {
    // The most warm-up datagrams keep UDP starting for seconds after TCP listens: the signal lands inside the start.
    Map<String, String> env = Map.of("UDP_WARM_UP_DATAGRAMS", "1000000");
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), env)) {
      app.tcpPort();
      ProcessHandle.of(app.pid()).orElseThrow().destroy();
      assertEquals(143, app.awaitExit());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("INFO  [LauncherHooks] stopped before the start had finished")),
        app.stderr().toString());
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("start failed") || l.contains("udp listening")),
        app.stderr().toString());
    }
  }

  @Test
  @DisplayName("without that flag, the start-up says where a thread dump would go and how to move it")
  void threadDumpWarning(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-conf", EPHEMERAL)) {
      app.awaitStderr(Pattern.compile("a thread dump \\(SIGQUIT\\) would go to stdout among the datagram lines; start java "
        + "with -XX:\\+DisplayVMOutputToStderr"));
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "compares with the kernel's limit in /proc")
  @DisplayName("a periodic UDP counters line appears when asked for, and the receive buffer the kernel granted is reported")
  void udpOperationalLines(@TempDir Path dir) throws Exception {
    // readString trusts the size procfs reports and can return a single byte; read it as lines.
    long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
    int asked = 1024 * 1024;
    Map<String, String> env = Map.of("UDP_STATS_INTERVAL", "100ms", "UDP_RECEIVE_BUFFER_BYTES", String.valueOf(asked));
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL), env)) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("udp.receiveBufferBytes " + asked + " asked, kernel granted " + Math.min(asked, rmemMax)));
      for (int i = 0; i < 3; i++) {
        sendDatagram(udp, "counted " + i);
      }
      app.awaitStderr(Pattern.compile("udp 3 datagrams received, 3 printed, 0 dropped"));
    }
  }
}

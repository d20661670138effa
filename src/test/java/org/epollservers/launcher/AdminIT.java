package org.epollservers.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.epollservers.launcher.LauncherIT.request;
import static org.epollservers.launcher.LauncherIT.sendDatagram;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoint and the logs of the packaged program, through a real HTTP client. */
class AdminIT {

  private static final String CONF = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":0},\"udp\":{\"host\":\"127.0.0.1\",\"port\":0},"
    + "\"admin\":{\"host\":\"127.0.0.1\",\"port\":0}}";
  private static final Pattern ADMIN = Pattern.compile("admin listening on 127.0.0.1:(\\d+)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  private static double metric(String text, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertTrue(matcher.find(), "no metric " + name);
    return Double.parseDouble(matcher.group(1));
  }

  /** Vert.x creates some meters on first use: before any traffic they are absent, which means zero. */
  private static double metricOrZero(String text, String name) {
    return text.contains(name) ? metric(text, name) : 0;
  }

  @Test
  @DisplayName("live and ready answer 200 with JSON, metrics move with traffic, and readiness flips to 503 at SIGTERM")
  void healthMetricsAndShutdown(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-conf", CONF)) {
      int admin = Integer.parseInt(app.awaitStderr(ADMIN).group(1));
      int tcp = app.tcpPort();
      int udp = app.udpPort();
      HttpResponse<String> live = get(admin, "/health/live");
      assertEquals(200, live.statusCode());
      assertEquals("UP", new JsonObject(live.body()).getString("status"));
      HttpResponse<String> ready = get(admin, "/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals(404, get(admin, "/nope").statusCode());

      String before = get(admin, "/metrics").body();
      assertArrayEquals(SEED_RESPONSE, request(tcp));
      sendDatagram(udp, "counted");
      app.awaitStdout(Pattern.compile(" counted$"));
      String after = get(admin, "/metrics").body();
      assertEquals(metric(before, "epoll_servers_tcp_responses_total") + 1, metric(after, "epoll_servers_tcp_responses_total"));
      assertEquals(metric(before, "epoll_servers_udp_datagrams_received_total") + 1,
        metric(after, "epoll_servers_udp_datagrams_received_total"));
      assertTrue(metric(after, "epoll_servers_tcp_bytes_written_total") == metric(before, "epoll_servers_tcp_bytes_written_total") + SEED_RESPONSE.length);
      assertTrue(after.contains("jvm_memory_used_bytes"), "JVM metrics are exported");
      assertTrue(get(admin, "/metrics").headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        "Prometheus text by default");
      HttpResponse<String> openMetrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/metrics"))
        .header("Accept", "application/openmetrics-text; version=1.0.0").timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
      assertTrue(openMetrics.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
        "OpenMetrics when asked for");
      assertTrue(openMetrics.body().stripTrailing().endsWith("# EOF"), "an OpenMetrics exposition ends with # EOF");
      for (String stage : List.of("kernel", "printer", "feed", "denied", "rate")) {
        assertTrue(after.contains("epoll_servers_udp_datagrams_dropped_total{stage=\"" + stage + "\"} 0.0"),
          "datagrams dropped, by stage: " + stage);
      }

      try (Socket inFlight = new Socket("127.0.0.1", tcp)) {
        inFlight.getOutputStream().write("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(SEED_RESPONSE, request(tcp), "served after the one in flight was accepted");
        ProcessHandle.of(app.pid()).orElseThrow().destroy();
        app.awaitStderr(Pattern.compile("tcp stopping"));
        HttpResponse<String> stopping = get(admin, "/health/ready");
        assertEquals(503, stopping.statusCode(), stopping.body());
        assertTrue(new JsonObject(stopping.body()).getBoolean("stopping"));
        assertEquals(200, get(admin, "/health/live").statusCode());
        inFlight.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(SEED_RESPONSE, inFlight.getInputStream().readAllBytes());
      }
      assertEquals(143, app.awaitExit());
    }
  }

  @Test
  @DisplayName("600 idle admin connections on 400 descriptors: TCP answers throughout, extra admin connections close at once, the rest at the deadline")
  void adminBudget(@TempDir Path dir) throws Exception {
    String conf = new JsonObject(CONF).put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0)
      .put("maxConnections", 16).put("requestTimeout", "3s")).encode();
    try (AppProcess app = AppProcess.startWithOpenFileLimit(dir, 400, "-conf", conf)) {
      int admin = Integer.parseInt(app.awaitStderr(ADMIN).group(1));
      int tcp = app.tcpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 600; i++) {
          Socket socket = new Socket("127.0.0.1", admin);
          socket.setSoTimeout(15_000);
          idle.add(socket);
        }
        for (int i = 0; i < 15; i++) {
          assertArrayEquals(SEED_RESPONSE, request(tcp), "canned answer " + i + " while the admin port is flooded");
        }
        for (Socket socket : idle) {
          assertEquals(-1, socket.getInputStream().read(), "every idle admin connection is closed: at once or at the deadline");
        }
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
      assertEquals(200, get(admin, "/health/live").statusCode());
      String metrics = get(admin, "/metrics").body();
      // 584 unless opening them took longer than the deadline, which frees admitted slots for later ones.
      assertTrue(metric(metrics, "epoll_servers_admin_connections_refused_total") >= 500, "closed at once past the cap");
    }
  }

  @Test
  @DisplayName("the admin endpoint speaks HTTP/1.1 only: no h2c upgrade, no HTTP/2 with prior knowledge")
  void adminHttp11Only(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-conf", CONF)) {
      int admin = Integer.parseInt(app.awaitStderr(ADMIN).group(1));
      String upgrade = rawExchange(admin, "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
      assertTrue(upgrade.startsWith("HTTP/1.1 200 OK\r\n"), upgrade);
      String priorKnowledge = rawExchange(admin, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
      // An HTTP/2 server would answer with a binary SETTINGS frame; this one refuses in HTTP/1 text, or closes.
      assertTrue(priorKnowledge.isEmpty() || (priorKnowledge.startsWith("HTTP/") && priorKnowledge.indexOf('\0') < 0), priorKnowledge);
    }
  }

  /** Sends {@code request}, half-closes, and returns what came back before the server closed or 2 s of silence. */
  private static String rawExchange(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] chunk = new byte[4096];
      try {
        for (int n = socket.getInputStream().read(chunk); n > 0; n = socket.getInputStream().read(chunk)) {
          answer.write(chunk, 0, n);
        }
      } catch (java.net.SocketTimeoutException keptOpen) {
        // HTTP/1.1 keeps the connection: what arrived is the answer.
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  @DisplayName("LOG_FORMAT=json writes one JSON object per stderr line, with fields, and stdout stays for datagrams")
  void jsonLogs(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", CONF), Map.of("LOG_FORMAT", "json"))) {
      int udp = Integer.parseInt(app.awaitStderr(Pattern.compile("\"udp listening on 127.0.0.1:(\\d+)")).group(1));
      app.awaitStderr(ADMIN);
      int from = sendDatagram(udp, "json run");
      app.awaitStdout(Pattern.compile("json run"));
      assertEquals(143, app.terminate());
      assertEquals(List.of("127.0.0.1 " + from + " json run"), app.stdout());
      boolean sawPort = false;
      for (String line : app.stderr()) {
        JsonObject record = new JsonObject(line);
        assertTrue(record.containsKey("timestamp") && record.containsKey("level") && record.containsKey("loggerName")
          && record.containsKey("formattedMessage"), line);
        sawPort |= line.contains("{\"port\":\"" + udp + "\"}");
      }
      assertTrue(sawPort, "the listening line carries its port as a field");
    }
  }

  @Test
  @DisplayName("the Dockerfile's HEALTHCHECK command passes against a ready server and fails against none")
  void dockerHealthCheck(@TempDir Path dir) throws Exception {
    Matcher cmd = Pattern.compile("(?m)^\\s+CMD (\\[\"bash\".*\\])$").matcher(Files.readString(Path.of("Dockerfile")));
    assertTrue(cmd.find(), "no bash HEALTHCHECK in the Dockerfile");
    String probe = new JsonArray(cmd.group(1)).getString(2);
    try (AppProcess app = AppProcess.start(dir, "-conf", CONF)) {
      int admin = Integer.parseInt(app.awaitStderr(ADMIN).group(1));
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      assertEquals(0, runBash(probe.replace("/9100", "/" + admin)), "healthy server");
      app.terminate();
      assertTrue(runBash(probe.replace("/9100", "/" + admin)) != 0, "no server");
    }
  }

  private static int runBash(String command) throws Exception {
    Process bash = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    bash.getInputStream().readAllBytes();
    return bash.waitFor();
  }

  @Test
  @DisplayName("an unknown LOG_FORMAT is refused instead of silencing the logs")
  void badLogFormat(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", CONF), Map.of("LOG_FORMAT", "xml\u001b[2J"))) {
      assertEquals(Main.EXIT_CONFIG, app.awaitExit());
      assertEquals("config refused: environment LOG_FORMAT: must be text or json, got \"xml\\x1b[2J\"", app.stderr().get(0),
        "the refusal repeats the value escaped");
      assertTrue(app.stdout().isEmpty());
    }
  }
}

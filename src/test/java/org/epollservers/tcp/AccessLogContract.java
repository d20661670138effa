package org.epollservers.tcp;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.epollservers.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.epollservers.tcp.KeepAliveContract.CLOSING;
import static org.epollservers.tcp.KeepAliveContract.KEPT;
import static org.epollservers.Conditions.await;
import static org.epollservers.tcp.KeepAliveContract.readResponse;
import static org.epollservers.tcp.TcpClient.connect;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.tcp.TcpClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log (tcp.accessLog on): one line per exchange, with its fields; run once per acceptor by the subclasses. */
abstract class AccessLogContract extends TcpContract {

  private LogCapture capture;

  @BeforeEach
  void captureAccessLog() {
    capture = LogCapture.attach("org.epollservers.tcp.access");
  }

  @AfterEach
  void releaseAccessLog() {
    capture.detach();
  }

  private static Map<String, String> fields(ILoggingEvent event) {
    Map<String, String> fields = new HashMap<>();
    for (KeyValuePair pair : event.getKeyValuePairs()) {
      fields.put(pair.key, String.valueOf(pair.value));
    }
    return fields;
  }

  @Test
  @DisplayName("each request on a kept connection gets a line: address, port, escaped request line, status, bytes, duration")
  void linePerRequest() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("keepAlive", true).put("accessLog", "on"));
    int clientPort;
    try (Socket socket = connect(server.actualPort())) {
      clientPort = socket.getLocalPort();
      send(socket, "GET /a\u0001\u001b[31m HTTP/1.1\r\n\r\n");
      readResponse(socket);
      send(socket, "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n");
      readToEnd(socket);
    }
    await(() -> capture.events().size() == 2, "two access log lines");
    Map<String, String> first = fields(capture.events().get(0));
    assertEquals("127.0.0.1", first.get("client"));
    assertEquals(String.valueOf(clientPort), first.get("port"));
    assertEquals("GET /a\\x01\\x1b[31m HTTP/1.1", first.get("request"));
    assertEquals("200", first.get("status"));
    assertEquals(String.valueOf(KEPT.length), first.get("bytes"));
    assertTrue(Double.parseDouble(first.get("durationMs")) >= 0, first.get("durationMs"));
    String line = capture.events().get(1).getFormattedMessage();
    assertTrue(line.startsWith("127.0.0.1:" + clientPort + " \"GET /b HTTP/1.1\" 200 " + CLOSING.length + " "), line);
    assertTrue(line.endsWith("ms"), line);
  }

  @Test
  @DisplayName("a request line longer than 1,024 bytes is logged cut, ending with ...")
  void longRequestLineCut() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("accessLog", "on"));
    String target = "/" + "x".repeat(4000);
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET " + target + " HTTP/1.0\r\n\r\n");
      readToEnd(socket);
    }
    await(() -> capture.events().size() == 1, "the line");
    String logged = fields(capture.events().get(0)).get("request");
    assertEquals(("GET " + target).substring(0, HeaderScanner.LOGGED_REQUEST_LINE_BYTES) + "...", logged);
  }

  @Test
  @DisplayName("a 431 and a header timeout get lines too, with status 431 and -")
  void refusalsAndTimeouts() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("accessLog", "on").put("maxHeaderBytes", 128).put("headerTimeout", "300ms"));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.0\r\nX-Long: " + "y".repeat(200) + "\r\n\r\n");
      readToEnd(socket);
    }
    await(() -> capture.events().size() == 1, "the 431 line");
    assertEquals("431", fields(capture.events().get(0)).get("status"));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET /slow HTTP/1.0\r\n");
      readToEnd(socket);
    }
    await(() -> capture.events().size() == 2, "the timeout line");
    Map<String, String> timeout = fields(capture.events().get(1));
    assertEquals("-", timeout.get("status"));
    assertEquals("GET /slow HTTP/1.0", timeout.get("request"));
    assertEquals("0", timeout.get("bytes"));
    assertEquals(1, server.traffic().headerTimeouts());
  }

  @Test
  @DisplayName("with the JSON encoder of LOG_FORMAT=json a line parses and carries the fields")
  void json() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("accessLog", "on"));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET /\"quoted\" HTTP/1.0\r\n\r\n");
      readToEnd(socket);
    }
    await(() -> capture.events().size() == 1, "the access log line");
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(capture.getContext());
    encoder.setWithFormattedMessage(true);
    encoder.start();
    JsonObject json = new JsonObject(new String(encoder.encode(capture.events().get(0)), StandardCharsets.UTF_8));
    Map<String, Object> fields = new HashMap<>();
    JsonArray pairs = json.getJsonArray("kvpList");
    for (int i = 0; i < pairs.size(); i++) {
      fields.putAll(pairs.getJsonObject(i).getMap());
    }
    assertEquals("GET /\"quoted\" HTTP/1.0", String.valueOf(fields.get("request")), json.encode());
    assertEquals("200", String.valueOf(fields.get("status")), json.encode());
    assertEquals("127.0.0.1", String.valueOf(fields.get("client")), json.encode());
    assertTrue(json.getString("formattedMessage").contains("\"GET /\\\"quoted\\\" HTTP/1.0\"")
      || json.getString("formattedMessage").contains("GET /\"quoted\" HTTP/1.0"), json.encode());
  }
}

package org.epollservers.tcp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.epollservers.config.AppConfig;
import org.epollservers.config.ResponseConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class CannedResponseTest {

  private static ResponseConfig response(String json) {
    return AppConfig.fromJson(new JsonObject().put("tcp", new JsonObject().put("response", new JsonObject(json))), "test")
      .tcp().response();
  }

  private static String text(Buffer buffer) {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the default response is byte-identical to the seed's")
  void defaultIsSeed(Vertx vertx, VertxTestContext test) {
    CannedResponse.load(vertx, response("{}")).onComplete(test.succeeding(bytes -> test.verify(() -> {
      assertArrayEquals(SeedResponse.BYTES, bytes.getBytes());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("{node} in header values and the body text becomes the node's name, counted in Content-Length")
  void nodeName(Vertx vertx, VertxTestContext test) {
    ResponseConfig config = response("{\"headers\":{\"X-Served-By\":\"{node}\",\"Server\":\"x\"},"
      + "\"body\":\"from {node} ({node})\\n\"}");
    CannedResponse.load(vertx, config, "node-7").onComplete(test.succeeding(bytes -> test.verify(() -> {
      String text = text(bytes);
      assertTrue(text.contains("\r\nX-Served-By: node-7\r\n"), text);
      assertTrue(text.endsWith("Content-Length: 21\r\n\r\nfrom node-7 (node-7)\n"), text);
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("with no {node} anywhere the default response stays the seed's, whatever the node's name")
  void nodeNameLeavesDefault(Vertx vertx, VertxTestContext test) {
    CannedResponse.load(vertx, response("{}"), "{node}-named").onComplete(test.succeeding(bytes -> test.verify(() -> {
      assertArrayEquals(SeedResponse.BYTES, bytes.getBytes());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a generated body is sent as it is, {node} and all")
  void nodeNameNotInGeneratedBody(Vertx vertx, VertxTestContext test) {
    ResponseConfig config = response("{\"bodySize\":6,\"bodyFill\":\"{node}\"}");
    CannedResponse.load(vertx, config, "n1").onComplete(test.succeeding(bytes -> test.verify(() -> {
      assertTrue(text(bytes).endsWith("Content-Length: 6\r\n\r\n{node}"), text(bytes));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a text body counts its UTF-8 bytes in Content-Length")
  void textBody() {
    Buffer bytes = CannedResponse.assemble(response("{\"body\":\"héllo\\n\",\"status\":\"HTTP/1.1 503 Busy\"}"),
      Buffer.buffer("héllo\n"));
    String text = text(bytes);
    assertTrue(text.startsWith("HTTP/1.1 503 Busy\r\n"), text);
    assertTrue(text.endsWith("Content-Length: 7\r\n\r\nhéllo\n"), text);
  }

  @Test
  @DisplayName("a generated body repeats the fill text and is cut at the size")
  void generatedBody(Vertx vertx, VertxTestContext test) {
    CannedResponse.load(vertx, response("{\"bodySize\":5,\"bodyFill\":\"ab\"}")).onComplete(test.succeeding(bytes -> test.verify(() -> {
      assertTrue(text(bytes).endsWith("Content-Length: 5\r\n\r\nababa"), text(bytes));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a body file is read once and its length sent")
  void fileBody(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path body = dir.resolve("body.bin");
    byte[] content = new byte[3000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(body, content);
    CannedResponse.load(vertx, response("{\"bodyFile\":\"" + body + "\"}")).onComplete(test.succeeding(bytes -> test.verify(() -> {
      assertTrue(text(bytes).contains("Content-Length: 3000\r\n\r\n"));
      assertArrayEquals(content, bytes.getBytes(bytes.length() - 3000, bytes.length()));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a missing body file fails the start, naming the key and the file")
  void missingFile(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    String path = dir.resolve("nope.txt").toString();
    CannedResponse.load(vertx, response("{\"bodyFile\":\"" + path + "\"}")).onComplete(test.failing(e -> test.verify(() -> {
      assertTrue(e.getMessage().startsWith("tcp.response.bodyFile: cannot use " + path), e.getMessage());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("the 431 refusal's Content-Length matches its body")
  void refusalLength() {
    String text = text(Replies.HEADERS_TOO_LARGE);
    int bodyStart = text.indexOf("\r\n\r\n") + 4;
    assertTrue(text.contains("Content-Length: " + (text.length() - bodyStart) + "\r\n"), text);
    assertEquals("HTTP/1.0 431 Request Header Fields Too Large", text.substring(0, text.indexOf('\r')));
  }

  @Test
  @DisplayName("the keep-alive variants replace a configured Connection header, keep UTF-8 values and the body byte for byte")
  void connectionVariants() {
    Buffer built = CannedResponse.assemble(response(
      "{\"status\":\"HTTP/1.1 203 Fine\",\"headers\":{\"X-Name\":\"café\",\"connection\":\"upgrade\"},\"body\":\"b\\r\\n\\r\\nody\"}"),
      Buffer.buffer("b\r\n\r\nody"));
    String kept = text(CannedResponse.withConnection(built, "keep-alive"));
    assertEquals("HTTP/1.1 203 Fine\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
      + "Content-Type: text/plain\r\nX-Name: café\r\nConnection: keep-alive\r\nContent-Length: 8\r\n\r\nb\r\n\r\nody", kept);
    assertEquals("203", CannedResponse.statusCode(built));
  }

  @Test
  @DisplayName("on a persistent connection the seed's HTTP/1.0 status line says HTTP/1.1, so HTTP/1.1 clients keep it")
  void persistentStatusLine() {
    Buffer seed = CannedResponse.assemble(response("{}"), Buffer.buffer("H"));
    assertTrue(text(seed).startsWith("HTTP/1.0 200 OK\r\n"));
    assertTrue(text(CannedResponse.withConnection(seed, "keep-alive")).startsWith("HTTP/1.1 200 OK\r\n"));
    assertTrue(text(CannedResponse.withConnection(seed, "close")).startsWith("HTTP/1.1 200 OK\r\n"));
  }
}

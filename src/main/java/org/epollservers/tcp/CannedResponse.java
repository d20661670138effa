package org.epollservers.tcp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.epollservers.config.Limits;
import org.epollservers.config.ResponseConfig;
import org.epollservers.node.NodeIdentity;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds, once at start, the bytes every client receives: status line, headers, Content-Length and body. */
public final class CannedResponse {

  private static final String CRLF = "\r\n";
  /** Stands, in header values and the body text, for the name of the node that answers. */
  static final String NODE_PLACEHOLDER = "{node}";

  private CannedResponse() {
  }

  /**
   * Builds the response for this node ({@link NodeIdentity}), reading the body file without blocking when one is
   * configured.
   */
  public static Future<Buffer> load(Vertx vertx, ResponseConfig config) {
    return load(vertx, config, NodeIdentity.id());
  }

  /**
   * Builds the response with {@code node} in place of every {@code {node}} in header values and the body text (not in
   * a body file or a generated body, which are bytes to send as they are), before Content-Length is counted.
   */
  static Future<Buffer> load(Vertx vertx, ResponseConfig given, String node) {
    ResponseConfig config = naming(given, node);
    if (config.body().file() == null) {
      return Future.succeededFuture(assemble(config, inlineBody(config)));
    }
    String path = config.body().file();
    return vertx.fileSystem().props(path)
      .compose(props -> {
        if (!props.isRegularFile() || props.size() > Limits.MAX_BODY_BYTES) {
          return Future.failedFuture("is not a regular file of at most " + Limits.MAX_BODY_BYTES + " bytes");
        }
        return vertx.fileSystem().readFile(path);
      })
      .transform(read -> read.succeeded()
        ? Future.succeededFuture(assemble(config, read.result()))
        : Future.failedFuture(new IllegalArgumentException(
          "tcp.response.bodyFile: cannot use " + path + ": " + read.cause().getMessage())));
  }

  private static ResponseConfig naming(ResponseConfig config, String node) {
    Map<String, String> headers = new LinkedHashMap<>();
    config.headers().forEach((name, value) -> headers.put(name, value.replace(NODE_PLACEHOLDER, node)));
    ResponseConfig.Body body = config.body();
    String text = body.text() == null ? null : body.text().replace(NODE_PLACEHOLDER, node);
    return new ResponseConfig(config.status(), headers,
      new ResponseConfig.Body(text, body.file(), body.size(), body.fill()));
  }

  /** The response for a body already in memory, with Content-Length computed from it. */
  static Buffer assemble(ResponseConfig config, Buffer body) {
    StringBuilder head = new StringBuilder(config.status()).append(CRLF);
    for (Map.Entry<String, String> header : config.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append(CRLF);
    }
    head.append("Content-Length: ").append(body.length()).append(CRLF).append(CRLF);
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(headBytes.length + body.length()).appendBytes(headBytes).appendBuffer(body);
  }

  /**
   * The same response with its {@code Connection} header, if any, replaced by {@code Connection: value}, placed just
   * before Content-Length; everything else byte for byte as built.
   */
  static Buffer withConnection(Buffer response, String value) {
    byte[] bytes = response.getBytes();
    int headEnd = indexOf(bytes, (CRLF + CRLF).getBytes(StandardCharsets.US_ASCII));
    // Latin-1 maps every byte to one char and back, so configured UTF-8 header values survive untouched.
    String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split(CRLF, -1);
    StringBuilder head = new StringBuilder(persistentVersion(lines[0])).append(CRLF);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.regionMatches(true, 0, "Content-Length:", 0, "Content-Length:".length())) {
        head.append("Connection: ").append(value).append(CRLF);
      }
      if (!line.regionMatches(true, 0, "Connection:", 0, "Connection:".length())) {
        head.append(line).append(CRLF);
      }
    }
    head.append(CRLF);
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    int bodyStart = headEnd + 4;
    return Buffer.buffer(headBytes.length + bytes.length - bodyStart).appendBytes(headBytes)
      .appendBytes(bytes, bodyStart, bytes.length - bodyStart);
  }

  /**
   * The status line a persistent connection answers with: HTTP/1.1 in place of the seed's HTTP/1.0, since HTTP/1.1
   * clients and proxies (curl, nginx's upstream keepalive) otherwise fall back to one request per connection; any
   * other status line as configured.
   */
  private static String persistentVersion(String statusLine) {
    return statusLine.startsWith("HTTP/1.0 ") ? "HTTP/1.1 " + statusLine.substring("HTTP/1.0 ".length()) : statusLine;
  }

  /** The status code of a response's status line ({@code 200} of {@code HTTP/1.0 200 OK}), for the access log. */
  static String statusCode(Buffer response) {
    String status = response.getString(0, Math.min(response.length(), 64), "ISO-8859-1");
    String[] words = status.split("[ \r\n]", 3);
    return words.length > 1 && !words[1].isEmpty() ? words[1] : "-";
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("the response has no blank line after its head");
  }

  private static Buffer inlineBody(ResponseConfig config) {
    if (config.body().text() != null) {
      return Buffer.buffer(config.body().text().getBytes(StandardCharsets.UTF_8));
    }
    byte[] fill = config.body().fill().getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[config.body().size()];
    for (int i = 0; i < body.length; i++) {
      body[i] = fill[i % fill.length];
    }
    return Buffer.buffer(body);
  }
}

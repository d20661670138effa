package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The canned response: status line, headers in order, and exactly one body source. */
public record ResponseConfig(String status, Map<String, String> headers, Body body) {

  public ResponseConfig {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * Where the body comes from: its text, else a file, else {@code size} bytes of {@code fill} repeated.
   *
   * @param text the body as text, or {@code null}
   * @param file a file holding the body, or {@code null}
   * @param size the size of a generated body
   * @param fill the text repeated to generate a body
   */
  public record Body(String text, String file, int size, String fill) {
  }

  static ResponseConfig from(JsonObject response, String source) {
    Body body = new Body(response.getString("body"), response.getString("bodyFile"), response.getInteger("bodySize"),
      response.getString("bodyFill"));
    if (body.text() != null && body.file() != null) {
      throw new ConfigException(source, "tcp.response", "body and bodyFile are both set; keep one (set the other to null)");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response.getJsonObject("headers").forEach(header -> {
      if (header.getValue() != null) {
        headers.put(header.getKey(), (String) header.getValue());
      }
    });
    return new ResponseConfig(response.getString("status"), headers, body);
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canned response: status line, headers in order, and exactly one body source.
 *
 * @param bodyText the body as text, or {@code null}
 * @param bodyFile a file holding the body, or {@code null}
 * @param bodySize the size of a generated body, used when neither text nor file is given
 * @param bodyFill the text repeated to generate a body
 */
public record ResponseConfig(String status, Map<String, String> headers, String bodyText, String bodyFile,
                             int bodySize, String bodyFill) {

  public ResponseConfig {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  static ResponseConfig from(SettingReader read, String source) {
    String text = read.string(Setting.RESPONSE_BODY);
    String file = read.string(Setting.RESPONSE_BODY_FILE);
    if (text != null && file != null) {
      throw new ConfigException(source, "tcp.response", "body and bodyFile are both set; keep one (set the other to null)");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonObject given = read.object(Setting.RESPONSE_HEADERS);
    for (Map.Entry<String, Object> header : given) {
      if (header.getValue() != null) {
        headers.put(header.getKey(), (String) header.getValue());
      }
    }
    return new ResponseConfig(read.string(Setting.RESPONSE_STATUS), headers, text, file,
      read.integer(Setting.RESPONSE_BODY_SIZE), read.string(Setting.RESPONSE_BODY_FILL));
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValidatorTest {

  private static ConfigException refusal(String json) {
    return assertThrows(ConfigException.class, () -> ConfigValidator.check(new JsonObject(json), "x.json"));
  }

  @Test
  @DisplayName("an unknown key is refused with its full path and the keys that exist there")
  void unknownKey() {
    ConfigException e = refusal("{\"tcp\":{\"prot\":80}}");
    assertEquals("x.json", e.source());
    assertEquals("tcp.prot", e.key());
    assertTrue(e.getMessage().contains("port"), e.getMessage());
  }

  @Test
  @DisplayName("a refusal repeats what the user typed escaped: a raw ESC or bidi override never reaches the terminal")
  void refusalsEscapeWhatWasTyped() {
    ConfigException key = refusal("{\"tcp\":{\"p\\u001b]0;x\\u0007\":80}}");
    assertEquals("tcp.p\\x1b]0;x\\x07", key.key());
    assertTrue(key.getMessage().startsWith("x.json: tcp.p\\x1b]0;x\\x07: unknown key"), key.getMessage());
    ConfigException value = refusal("{\"transport\":\"ep\\u202eoll\\u001b\"}");
    assertTrue(value.getMessage().endsWith("got \"ep\\u202eoll\\x1b\""), value.getMessage());
    value.getMessage().chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7f, value.getMessage()));
  }

  @Test
  @DisplayName("a port outside 0-65535 or of the wrong type is refused")
  void badPorts() {
    assertEquals("udp.port", refusal("{\"udp\":{\"port\":65536}}").key());
    assertEquals("tcp.port", refusal("{\"tcp\":{\"port\":-1}}").key());
    assertEquals("tcp.port", refusal("{\"tcp\":{\"port\":\"8080\"}}").key());
    assertEquals("tcp.port", refusal("{\"tcp\":{\"port\":80.5}}").key());
    assertDoesNotThrow(() -> ConfigValidator.check(new JsonObject("{\"tcp\":{\"port\":0},\"udp\":{\"port\":65535}}"), "x"));
  }

  @Test
  @DisplayName("a section that is not an object is refused")
  void sectionMustBeObject() {
    assertEquals("tcp", refusal("{\"tcp\":8080}").key());
    assertEquals("tcp.response", refusal("{\"tcp\":{\"response\":\"hi\"}}").key());
  }

  @Test
  @DisplayName("an unknown transport is refused, naming the choices")
  void badTransport() {
    ConfigException e = refusal("{\"transport\":\"kqueue\"}");
    assertTrue(e.getMessage().contains("must be one of auto, epoll, nio"), e.getMessage());
  }

  @Test
  @DisplayName("io_uring, offered before, is refused with the reason it was withdrawn")
  void ioUringWithdrawn() {
    ConfigException e = refusal("{\"transport\":\"io_uring\"}");
    assertEquals("transport", e.key());
    assertTrue(e.getMessage().contains("io_uring is no longer offered"), e.getMessage());
  }

  @Test
  @DisplayName("headers that could inject lines, bad names and a hand-set Content-Length are refused")
  void badHeaders() {
    assertEquals("tcp.response.headers", refusal("{\"tcp\":{\"response\":{\"headers\":{\"X\":\"a\\r\\nSet-Cookie: x\"}}}}").key());
    assertEquals("tcp.response.headers", refusal("{\"tcp\":{\"response\":{\"headers\":{\"Bad Name\":\"a\"}}}}").key());
    assertEquals("tcp.response.headers", refusal("{\"tcp\":{\"response\":{\"headers\":{\"content-length\":\"5\"}}}}").key());
    assertEquals("tcp.response.status", refusal("{\"tcp\":{\"response\":{\"status\":\"HTTP/1.0 200 OK\\r\\n\"}}}").key());
  }

  @Test
  @DisplayName("body text and body file set together are refused once merged")
  void bodyConflict() {
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.fromJson(
      new JsonObject("{\"tcp\":{\"response\":{\"body\":\"a\",\"bodyFile\":\"b\"}}}"), "merged"));
    assertEquals("tcp.response", e.key());
  }

  @Test
  @DisplayName("the UDP receive buffer defaults to 4 MiB, may go to 64 MiB, no further, and the receiver must be known")
  void receiveBuffer() {
    assertEquals(4194304, AppConfig.fromJson(new JsonObject(), "x.json").udp().receiving().receiveBufferBytes());
    assertEquals(4194304, AppConfig.fromJson(
      new JsonObject("{\"udp\":{\"receiveBufferBytes\":4194304}}"), "x.json").udp().receiving().receiveBufferBytes());
    assertEquals("udp.receiveBufferBytes", refusal("{\"udp\":{\"receiveBufferBytes\":134217728}}").key());
    assertEquals("udp.receiver", refusal("{\"udp\":{\"receiver\":\"fast\"}}").key());
  }

  @Test
  @DisplayName("a null header removes a default one and keeps the others in order")
  void nullRemovesHeader() {
    AppConfig config = AppConfig.fromJson(new JsonObject("{\"tcp\":{\"response\":{\"headers\":{\"Date\":null,\"X-Extra\":\"1\"}}}}"), "x");
    assertEquals(java.util.List.of("Server", "Content-Type", "X-Extra"), java.util.List.copyOf(config.tcp().response().headers().keySet()));
  }

  @Test
  @DisplayName("udp.format, timestamps, allow and ratePerSender are off by default")
  void udpOutputDefaults() {
    UdpConfig udp = AppConfig.fromJson(new JsonObject(), "x.json").udp();
    assertEquals(UdpConfig.Format.TEXT, udp.output().format());
    assertEquals(false, udp.output().timestamps());
    assertEquals(java.util.List.of(), udp.senders().allow());
    assertEquals(0, udp.senders().ratePerSender());
    assertEquals(false, udp.senders().restricted());
    assertEquals(UdpConfig.Format.HEX, AppConfig.fromJson(new JsonObject("{\"udp\":{\"format\":\"hex\"}}"), "x")
      .udp().output().format());
  }

  @Test
  @DisplayName("an unknown udp.format, a negative rate or a non-boolean timestamps is refused by its key")
  void badUdpOutput() {
    ConfigException format = refusal("{\"udp\":{\"format\":\"xml\"}}");
    assertEquals("udp.format", format.key());
    assertTrue(format.getMessage().contains("one of text, json, hex"), format.getMessage());
    assertEquals("udp.ratePerSender", refusal("{\"udp\":{\"ratePerSender\":-1}}").key());
    assertEquals("udp.timestamps", refusal("{\"udp\":{\"timestamps\":\"yes\"}}").key());
    ConfigException small = assertThrows(ConfigException.class, () -> AppConfig.fromJson(
      new JsonObject("{\"udp\":{\"format\":\"hex\",\"printBufferBytes\":65536}}"), "x.json"));
    assertEquals("udp.printBufferBytes", small.key());
    assertTrue(small.getMessage().contains("at least 1048576 with udp.format hex"), small.getMessage());
    assertDoesNotThrow(() -> AppConfig.fromJson(new JsonObject("{\"udp\":{\"printBufferBytes\":65536}}"), "x"));
  }

  @Test
  @DisplayName("udp.allow takes addresses and CIDR blocks of both families")
  void goodAllow() {
    UdpConfig udp = AppConfig.fromJson(new JsonObject(
      "{\"udp\":{\"allow\":[\"10.0.0.0/8\",\"::1/128\",\"192.168.1.7\",\"fe80::/10\",\"::ffff:172.16.0.0/108\"]}}"), "x").udp();
    assertEquals("[10.0.0.0/8, 0:0:0:0:0:0:0:1/128, 192.168.1.7/32, fe80:0:0:0:0:0:0:0/10, 172.16.0.0/12]",
      udp.senders().allow().toString());
    assertTrue(udp.senders().restricted());
  }

  @Test
  @DisplayName("a bad udp.allow entry is refused naming the key and the entry, escaped, and is never looked up in DNS")
  void badAllow() {
    for (String entry : java.util.List.of("10.0.0.256/8", "10.0.0.1/8", "10.0.0.0/33", "::1/129", "localhost",
      "example.com", "10.0.0.0/", "10.0.0.0/-1", "fe80::1%lo", "", "010.0.0.0/8", "1:::2", "1.2.3", "256.1.1.1")) {
      ConfigException e = refusal(new JsonObject().put("udp", new JsonObject()
        .put("allow", new io.vertx.core.json.JsonArray().add("127.0.0.1").add(entry))).encode());
      assertEquals("udp.allow", e.key(), entry);
      assertTrue(e.getMessage().contains("entry \"" + entry + "\""), e.getMessage());
    }
    ConfigException hostile = refusal("{\"udp\":{\"allow\":[\"10.0.0.0\\u001b[2J\"]}}");
    assertTrue(hostile.getMessage().contains("entry \"10.0.0.0\\x1b[2J\""), hostile.getMessage());
    assertEquals("udp.allow", refusal("{\"udp\":{\"allow\":\"10.0.0.0/8\"}}").key());
    assertEquals("udp.allow", refusal("{\"udp\":{\"allow\":[8]}}").key());
  }
}

package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.epollservers.config.AppConfig;
import org.epollservers.config.ConfigException;
import org.epollservers.config.TcpConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tcp.tls keys refused at start: incomplete pairs, and files that are missing or hold no PEM of the right kind. */
class TcpTlsConfigTest {

  private static TcpConfig tcp(JsonObject tls) {
    return AppConfig.fromJson(new JsonObject().put("tcp", new JsonObject().put("tls", tls)), "x.json").tcp();
  }

  private static JsonObject files(String cert, String key, String ca) {
    return new JsonObject().put("certFile", cert).put("keyFile", key).put("clientCaFile", ca);
  }

  @Test
  @DisplayName("by default TLS and the PROXY protocol are off, and the fast path stays open")
  void offByDefault() {
    TcpConfig config = AppConfig.fromJson(new JsonObject(), "x.json").tcp();
    assertNull(config.preamble().tls());
    assertFalse(config.preamble().proxyProtocol());
    assertFalse(config.preamble().needsNetServer());
  }

  @Test
  @DisplayName("a certificate without its key, a key without its certificate, or a client CA alone is refused")
  void incompletePairs() {
    assertEquals("tcp.tls", assertThrows(ConfigException.class, () -> tcp(files("c.pem", null, null))).key());
    assertEquals("tcp.tls", assertThrows(ConfigException.class, () -> tcp(files(null, "k.pem", null))).key());
    assertEquals("tcp.tls.clientCaFile", assertThrows(ConfigException.class, () -> tcp(files(null, null, "ca.pem"))).key());
    assertTrue(tcp(files("c.pem", "k.pem", null)).preamble().needsNetServer());
  }

  @Test
  @DisplayName("a missing file is refused naming the key and the file")
  void missingFile() {
    TcpConfig config = tcp(files(TlsClient.file("node.pem"), "/nonexistent/key.pem", null));
    ConfigException e = assertThrows(ConfigException.class, () -> TcpTls.requireReadable(config.preamble().tls(), "x.json"));
    assertEquals("tcp.tls.keyFile", e.key());
    assertTrue(e.getMessage().contains("/nonexistent/key.pem"), e.getMessage());
  }

  @Test
  @DisplayName("a file without the PEM block its key needs (a key given as certificate, a certificate as key) is refused")
  void notPem() {
    TcpConfig keyAsCert = tcp(files(TlsClient.file("node-key.pem"), TlsClient.file("node-key.pem"), null));
    ConfigException e = assertThrows(ConfigException.class, () -> TcpTls.requireReadable(keyAsCert.preamble().tls(), "x.json"));
    assertEquals("tcp.tls.certFile", e.key());
    assertTrue(e.getMessage().contains("node-key.pem holds no PEM certificate"), e.getMessage());
    TcpConfig certAsKey = tcp(files(TlsClient.file("node.pem"), TlsClient.file("node.pem"), null));
    assertEquals("tcp.tls.keyFile",
      assertThrows(ConfigException.class, () -> TcpTls.requireReadable(certAsKey.preamble().tls(), "x.json")).key());
    TcpConfig caNotPem = tcp(files(TlsClient.file("node.pem"), TlsClient.file("node-key.pem"), TlsClient.file("README.md")));
    assertEquals("tcp.tls.clientCaFile",
      assertThrows(ConfigException.class, () -> TcpTls.requireReadable(caNotPem.preamble().tls(), "x.json")).key());
  }

  @Test
  @DisplayName("the test certificate, key and CA pass")
  void goodFiles() {
    TcpTls.requireReadable(tcp(files(TlsClient.file("node.pem"), TlsClient.file("node-key.pem"),
      TlsClient.file("cluster-ca.pem"))).preamble().tls(), "x.json");
  }
}

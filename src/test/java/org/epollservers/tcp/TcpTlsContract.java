package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;

import static org.epollservers.Conditions.await;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.tcp.TcpClient.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exchange over TLS, as a JDK client sees it, with and without client certificates; run by each variant. */
abstract class TcpTlsContract extends TcpContract {

  private static JsonObject tls(boolean mutual) {
    JsonObject files = new JsonObject().put("certFile", TlsClient.file("node.pem")).put("keyFile", TlsClient.file("node-key.pem"));
    if (mutual) {
      files.put("clientCaFile", TlsClient.file("cluster-ca.pem"));
    }
    return new JsonObject().put("tls", files);
  }


  @Test
  @DisplayName("a JDK TLS client reads the exact response, then a clean end (close_notify)")
  void exactResponse() throws Exception {
    int port = deploy(tls(false)).actualPort();
    try (SSLSocket socket = TlsClient.connect(TlsClient.context(null), port)) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("a client still sending after its request gets the whole response and a clean end while the server drains")
  void lingeringClose() throws Exception {
    int port = deploy(tls(false)).actualPort();
    try (SSLSocket socket = TlsClient.connect(TlsClient.context(null), port)) {
      send(socket, "POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\nhel");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("with the PROXY protocol too, the header comes in plain before the handshake, and the client is served")
  void proxyHeaderThenTls() throws Exception {
    TcpVerticle server = deploy(tls(false).put("proxyProtocol", true));
    try (Socket plain = TcpClient.connect(server.actualPort())) {
      plain.getOutputStream().write(ProxyHeaders.v2("192.0.2.1", 40000, ProxyHeaders.authorityTlv("example.com")));
      try (SSLSocket socket = (SSLSocket) TlsClient.context(null).getSocketFactory()
        .createSocket(plain, "127.0.0.1", server.actualPort(), true)) {
        socket.startHandshake();
        send(socket, "GET / HTTP/1.0\r\n\r\n");
        assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
      }
    }
    assertEquals(1, server.traffic().responses());
  }

  @Test
  @DisplayName("on a TLS port a plaintext request gets no response and counts as a failed handshake")
  void plaintextRefused() throws Exception {
    TcpVerticle server = deploy(tls(false));
    try (Socket socket = TcpClient.connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      byte[] answer = readToEnd(socket);
      assertEquals(-1, new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("HTTP/1.0 200"));
    } catch (IOException reset) {
      // A reset is as good a refusal as a close.
    }
    await(() -> server.traffic().tlsHandshakesFailed() == 1, "the failed handshake to be counted");
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("with a client CA, a client showing a certificate from it is served")
  void mutualServed() throws Exception {
    int port = deploy(tls(true)).actualPort();
    try (SSLSocket socket = TlsClient.connect(TlsClient.context("node"), port)) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("with a client CA, a client without a certificate is refused and counted")
  void mutualWithoutCertificate() throws Exception {
    refusedClient(null);
  }

  @Test
  @DisplayName("with a client CA, a client with a certificate from another CA is refused and counted")
  void mutualForeignCertificate() throws Exception {
    refusedClient("rogue");
  }

  private void refusedClient(String certificate) throws Exception {
    TcpVerticle server = deploy(tls(true));
    SSLContext client = TlsClient.context(certificate);
    // In TLS 1.3 the client may finish its side of the handshake before the server has judged its certificate: the
    // refusal then shows on the first read instead.
    assertThrows(IOException.class, () -> {
      try (SSLSocket socket = TlsClient.connect(client, server.actualPort())) {
        send(socket, "GET / HTTP/1.0\r\n\r\n");
        if (readToEnd(socket).length == 0) {
          throw new IOException("closed without an answer");
        }
      }
    });
    await(() -> server.traffic().tlsHandshakesFailed() == 1, "the refused handshake to be counted");
    assertEquals(0, server.traffic().responses());
  }
}

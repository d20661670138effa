package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

import static org.epollservers.tcp.ProxyHeaders.ascii;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.Conditions.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tcp.proxyProtocol with headers written byte by byte: which are served, which refused, whose address counts. */
abstract class TcpProxyProtocolContract extends TcpContract {

  private static final byte[] REQUEST = ascii("GET / HTTP/1.0\r\n\r\n");

  private TcpVerticle server;

  @BeforeEach
  void deployServer() throws Exception {
    server = deploy(new JsonObject().put("proxyProtocol", true).put("maxConnectionsPerClient", 1).put("headerTimeout", "1s"));
  }

  private Socket connect() throws IOException {
    return TcpClient.connect(server.actualPort());
  }

  private static void write(Socket socket, byte[]... parts) throws IOException {
    OutputStream out = socket.getOutputStream();
    for (byte[] part : parts) {
      out.write(part);
      out.flush();
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** Sends {@code header} and the request in one write, as a proxy does, and returns what comes back. */
  private byte[] exchange(byte[] header) throws IOException {
    try (Socket socket = connect()) {
      write(socket, concat(header, REQUEST));
      return readToEnd(socket);
    }
  }

  @Test
  @DisplayName("v1 TCP4, TCP6 and UNKNOWN headers, each with the request in the same write, get the response")
  void v1Served() throws Exception {
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v1("192.0.2.1", 40000)));
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v1("2001:db8::1", 40000)));
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v1Unknown()));
    assertEquals(3, server.traffic().responses());
  }

  @Test
  @DisplayName("v2 PROXY over IPv4, over IPv6 with a TLV and from a Unix socket, and v2 LOCAL, get the response")
  void v2Served() throws Exception {
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v2("192.0.2.1", 40000, new byte[0])));
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v2("2001:db8::1", 40000,
      ProxyHeaders.authorityTlv("example.com"))));
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v2Unix("/run/haproxy.sock")));
    assertArrayEquals(SeedResponse.BYTES, exchange(ProxyHeaders.v2Local()));
    assertEquals(4, server.traffic().responses());
    await(() -> server.traffic().open() == 0, "every connection closed");
  }

  @Test
  @DisplayName("a header and request split over several writes still get the response")
  void splitHeader() throws Exception {
    byte[] v1 = ProxyHeaders.v1("192.0.2.1", 40000);
    byte[] v2 = ProxyHeaders.v2("2001:db8::1", 40000, ProxyHeaders.authorityTlv("example.com"));
    for (byte[] header : new byte[][] {v1, v2}) {
      try (Socket socket = connect()) {
        write(socket, Arrays.copyOfRange(header, 0, 5), Arrays.copyOfRange(header, 5, 14),
          Arrays.copyOfRange(header, 14, header.length), Arrays.copyOfRange(REQUEST, 0, 4),
          Arrays.copyOfRange(REQUEST, 4, REQUEST.length));
        assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
      }
    }
  }

  @Test
  @DisplayName("a request without a header, garbage in its place, or a v2 header for UDP is closed unanswered and counted")
  void noHeaderRefused() throws Exception {
    assertEquals(0, exchange(new byte[0]).length);
    assertEquals(0, exchange(ascii("PROXY TCP4 not an address\r\n")).length);
    byte[] badV2 = ProxyHeaders.v2("192.0.2.1", 40000, new byte[0]);
    badV2[12] = 0x31;
    assertEquals(0, exchange(badV2).length);
    assertEquals(0, exchange(ProxyHeaders.v2Udp()).length);
    await(() -> server.traffic().proxyHeadersRefused() == 4, "4 refusals counted");
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("a client that sends no header is closed unanswered at tcp.headerTimeout")
  void headerDeadline() throws Exception {
    long start = System.nanoTime();
    try (Socket socket = connect()) {
      assertEquals(0, readToEnd(socket).length);
    }
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 900, "closed after " + waitedMillis + " ms");
    // Vert.x closes it without telling the server's exception handler, so it cannot be counted (see docs/operations.md).
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("the per-client cap counts the address in the header, not the proxy's")
  void perClientCapUsesProxiedAddress() throws Exception {
    for (boolean v2 : new boolean[] {false, true}) {
      long refusedBefore = server.traffic().refusedPerClient();
      byte[] first = v2 ? ProxyHeaders.v2("2001:db8::7", 1, new byte[0]) : ProxyHeaders.v1("192.0.2.7", 1);
      byte[] sameClient = v2 ? ProxyHeaders.v2("2001:db8::7", 2, new byte[0]) : ProxyHeaders.v1("192.0.2.7", 2);
      byte[] otherClient = v2 ? ProxyHeaders.v2("2001:db8::8", 1, new byte[0]) : ProxyHeaders.v1("192.0.2.8", 1);
      try (Socket held = connect()) {
        // The first client's connection stays open, half-way through its request, holding its one slot.
        write(held, first, ascii("GET / HTTP/1.0\r\n"));
        await(() -> server.traffic().open() == 1, "the first connection admitted");
        assertEquals(0, exchange(sameClient).length);
        assertEquals(refusedBefore + 1, server.traffic().refusedPerClient());
        // Every connection comes from 127.0.0.1, yet another client behind the proxy is served.
        assertArrayEquals(SeedResponse.BYTES, exchange(otherClient));
        write(held, ascii("\r\n"));
        assertArrayEquals(SeedResponse.BYTES, readToEnd(held));
      }
      await(() -> server.traffic().open() == 0, "no open connection");
    }
  }
}

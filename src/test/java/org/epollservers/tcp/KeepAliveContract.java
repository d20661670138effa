package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.epollservers.Conditions.await;
import static org.epollservers.tcp.TcpClient.connect;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.tcp.TcpClient.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Persistent connections (tcp.keepAlive) as a client sees them; run once per acceptor by the subclasses. */
abstract class KeepAliveContract extends TcpContract {

  /** A persistent connection answers as HTTP/1.1, the seed's status line otherwise unchanged. */
  private static final String HEAD = "HTTP/1.1 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
    + "Content-Type: text/plain\r\n";
  private static final String BODY = "Content-Length: 1024\r\n\r\n" + "H".repeat(1024);
  /** The seed's response with Connection: keep-alive, written out independently of the code under test. */
  static final byte[] KEPT = (HEAD + "Connection: keep-alive\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
  static final byte[] CLOSING = (HEAD + "Connection: close\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);

  static JsonObject keepAlive() {
    return new JsonObject().put("keepAlive", true);
  }


  /** Reads exactly one response: its head up to the blank line, then Content-Length bytes of body. */
  static byte[] readResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    while (!endsWithBlankLine(response.toByteArray())) {
      int b = in.read();
      if (b < 0) {
        fail("the connection ended after " + response.size() + " bytes, inside a response head");
      }
      response.write(b);
    }
    String head = response.toString(StandardCharsets.US_ASCII);
    int at = head.indexOf("Content-Length: ") + "Content-Length: ".length();
    int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
    response.write(in.readNBytes(length));
    return response.toByteArray();
  }

  private static boolean endsWithBlankLine(byte[] bytes) {
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("three HTTP/1.1 requests on one connection each get the keep-alive response")
  void severalRequests() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    try (Socket socket = connect(server.actualPort())) {
      for (int i = 0; i < 3; i++) {
        send(socket, "GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(text(KEPT), text(readResponse(socket)), "request " + i);
      }
    }
    assertEquals(1, server.traffic().accepted());
    assertEquals(3, server.traffic().responses());
    assertEquals(2, server.traffic().keptRequests());
  }

  @Test
  @DisplayName("HTTP/1.0 is kept only with Connection: keep-alive; without it gets Connection: close and the close")
  void http10() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n");
      assertEquals(text(KEPT), text(readResponse(socket)));
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertEquals(text(CLOSING), text(readToEnd(socket)));
    }
  }

  @Test
  @DisplayName("Connection: close in a token list wins: the close variant, then the connection closes")
  void connectionClose() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.1\r\nConnection: keep-alive, CLOSE\r\n\r\n");
      assertEquals(text(CLOSING), text(readToEnd(socket)));
    }
  }

  @Test
  @DisplayName("three pipelined requests in one write are answered in order, byte for byte")
  void pipelined() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");
      assertEquals(text(KEPT) + text(KEPT) + text(CLOSING), text(readToEnd(socket)));
    }
    assertEquals(3, server.traffic().responses());
  }

  @Test
  @DisplayName("with keepAliveMaxRequests 3 the third response says Connection: close and the server closes")
  void maxRequests() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("keepAliveMaxRequests", 3));
    try (Socket socket = connect(server.actualPort())) {
      for (int i = 0; i < 2; i++) {
        send(socket, "GET / HTTP/1.1\r\n\r\n");
        assertEquals(text(KEPT), text(readResponse(socket)));
      }
      send(socket, "GET / HTTP/1.1\r\n\r\n");
      assertEquals(text(CLOSING), text(readToEnd(socket)));
    }
  }

  @Test
  @DisplayName("a kept connection with no next request closes quietly at keepAliveTimeout, counted as an idle close")
  void idleTimeout() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("keepAliveTimeout", "300ms"));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.1\r\n\r\n");
      assertEquals(text(KEPT), text(readResponse(socket)));
      long start = System.nanoTime();
      assertEquals(0, readToEnd(socket).length);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed at the idle deadline");
    }
    await(() -> server.traffic().open() == 0, "the connection to close");
    assertEquals(1, server.traffic().idleCloses());
    assertEquals(0, server.traffic().headerTimeouts());
  }

  @Test
  @DisplayName("the header deadline runs per request: requests spaced over several deadlines are answered, a stalled one is closed")
  void headerDeadlinePerRequest() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("headerTimeout", "1s").put("keepAliveTimeout", "20s"));
    try (Socket socket = connect(server.actualPort())) {
      for (int i = 0; i < 4; i++) {
        send(socket, "GET / HTTP/1.1\r\n\r\n");
        assertEquals(text(KEPT), text(readResponse(socket)), "request " + i);
        // The client's think time, a lower bound however busy the machine: 1.6 s in all, past one header deadline,
        // which must therefore run per request, and far from the idle one.
        Thread.sleep(400);
      }
      send(socket, "GET /stalled HTTP/1.1\r\n");
      long start = System.nanoTime();
      assertEquals(0, readToEnd(socket).length);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed at the header deadline, not the idle one");
    }
    await(() -> server.traffic().headerTimeouts() == 1, "the header timeout to be counted");
    assertEquals(0, server.traffic().idleCloses());
  }

  @Test
  @DisplayName("a body with Content-Length, larger than a head may be, is skipped and the next request answered")
  void bodySkipped() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    // Requests inside the body: each would be answered if the body were not skipped.
    byte[] body = Arrays.copyOf("GET /inside HTTP/1.1\r\n\r\n".repeat(5000).getBytes(StandardCharsets.US_ASCII), 100_000);
    try (Socket socket = connect(server.actualPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /upload HTTP/1.1\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      // Some clients end a body with a line end it does not count: ignored between kept requests.
      out.write("\r\nGET /after HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals(text(KEPT) + text(CLOSING), text(readToEnd(socket)));
    }
    assertEquals(2, server.traffic().responses());
  }

  @Test
  @DisplayName("once a body is skipped the wait for the next request is an idle one, not a header deadline")
  void idleAfterBody() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("headerTimeout", "10s").put("keepAliveTimeout", "300ms"));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n");
      assertEquals(text(KEPT), text(readResponse(socket)));
      send(socket, "hello");
      long start = System.nanoTime();
      assertEquals(0, readToEnd(socket).length);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed at the idle deadline");
    }
    await(() -> server.traffic().idleCloses() == 1, "the idle close to be counted");
    assertEquals(0, server.traffic().headerTimeouts());
  }

  @Test
  @DisplayName("a chunked request body gets the close variant and the connection closes")
  void chunked() throws Exception {
    TcpVerticle server = deploy(keepAlive());
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
      assertEquals(text(CLOSING), text(readToEnd(socket)));
    }
  }

  @Test
  @DisplayName("a client that pipelines requests without end and never reads is closed by the deadline, memory bounded")
  void floodNeverReads() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("headerTimeout", "1s").put("keepAliveMaxRequests", 10_000_000));
    byte[] requests = "GET / HTTP/1.1\r\n\r\n".repeat(4096).getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = connect(server.actualPort())) {
      CompletableFuture<Long> sending = CompletableFuture.supplyAsync(() -> {
        long sent = 0;
        try {
          OutputStream out = socket.getOutputStream();
          // At most 4 GiB: far more than the kernel buffers; only the server closing ends this.
          while (sent < (4L << 30)) {
            out.write(requests);
            sent += requests.length;
          }
        } catch (IOException closedByServer) {
          return sent;
        }
        return sent;
      });
      await(() -> server.traffic().responses() > 0, "the first responses");
      await(() -> server.traffic().open() == 0, "the server to close the stalled connection");
      long sent = sending.get(15, TimeUnit.SECONDS);
      assertTrue(sent < (4L << 30), "the server closed the connection; the client had sent " + sent);
      assertTrue(server.traffic().bytesRead() < 64L * 1024 * 1024,
        "reading stopped while replies waited, read " + server.traffic().bytesRead());
    }
  }

  @Test
  @DisplayName("at stop an idle kept connection closes at once and one mid-request gets the close variant")
  void stop() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("shutdownGrace", "20s").put("keepAliveTimeout", "60s"));
    try (Socket idle = connect(server.actualPort()); Socket busy = connect(server.actualPort())) {
      send(idle, "GET / HTTP/1.1\r\n\r\n");
      assertEquals(text(KEPT), text(readResponse(idle)));
      send(busy, "GET / HTTP/1.1\r\n\r\n");
      assertEquals(text(KEPT), text(readResponse(busy)));
      send(busy, "GET / HTTP/1.1\r\n");
      await(() -> server.traffic().bytesRead() > 2 * 18, "the partial request to arrive");
      long start = System.nanoTime();
      io.vertx.core.Future<Void> stopped = vertx.undeploy(deploymentId);
      assertEquals(0, readToEnd(idle).length, "the idle connection closes");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed at stop, not at the grace's end");
      send(busy, "\r\n");
      assertEquals(text(CLOSING), text(readToEnd(busy)));
      stopped.await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("with keep-alive on, a 431 still closes the connection")
  void headersTooLargeCloses() throws Exception {
    TcpVerticle server = deploy(keepAlive().put("maxHeaderBytes", 256));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nX-Long: " + "y".repeat(400) + "\r\n\r\n");
      assertEquals(text(KEPT) + text(Replies.HEADERS_TOO_LARGE.getBytes()), text(readToEnd(socket)));
    }
  }
}

package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exchange as a client sees it; run once per acceptor by the subclasses. */
abstract class TcpVerticleContract extends TcpContract {

  private int port;

  @BeforeEach
  void deployServer() throws Exception {
    port = deploy(new JsonObject()).actualPort();
  }

  private Socket connect() throws IOException {
    return TcpClient.connect(port);
  }

  private static void send(Socket socket, String text) throws IOException {
    TcpClient.send(socket, text);
  }

  private static byte[] readToEnd(Socket socket) throws IOException {
    return TcpClient.readToEnd(socket);
  }

  @ParameterizedTest(name = "terminator {0}")
  @ValueSource(strings = {"\r\n\r\n", "\n\n", "\n\r\n"})
  @DisplayName("each of the seed's blank-line forms gets the exact response, then a clean close")
  void terminators(String terminator) throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.0" + terminator);
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("a request sent one byte at a time is answered once whole")
  void oneByteAtATime() throws Exception {
    try (Socket socket = connect()) {
      socket.setTcpNoDelay(true);
      for (char c : "GET / HTTP/1.0\r\nHost: x\r\n\r\n".toCharArray()) {
        send(socket, String.valueOf(c));
      }
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("nothing is answered before the blank line, even with the delimiter split across writes")
  void noAnswerBeforeBlankLine() throws Exception {
    try (Socket socket = connect()) {
      socket.setTcpNoDelay(true);
      send(socket, "GET / HTTP/1.0\r\nHost: x\r");
      send(socket, "\n\r");
      socket.setSoTimeout(500);
      assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
      socket.setSoTimeout(10_000);
      send(socket, "\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("a client that half-closes after its request still receives the whole response")
  void halfClose() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      socket.shutdownOutput();
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("a client that leaves before the blank line gets nothing and the server keeps serving")
  void earlyClose() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.0\r\n");
      socket.shutdownOutput();
      assertEquals(0, readToEnd(socket).length);
    }
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
  }

  @Test
  @DisplayName("100 concurrent clients each get the exact response")
  void concurrentClients() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Socket socket = connect();
        sockets.add(socket);
        // All connections are open, and half-way through their request, before any completes.
        send(socket, "GET /" + i + " HTTP/1.0\r\n");
      }
      List<Future<byte[]>> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        answers.add(pool.submit(() -> {
          try (socket) {
            send(socket, "\r\n");
            return readToEnd(socket);
          }
        }));
      }
      for (Future<byte[]> answer : answers) {
        assertArrayEquals(SeedResponse.BYTES, answer.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("request headers past the limit get a 431 and the connection closes")
  void headersTooLarge() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.0\r\n");
      StringBuilder header = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        header.append("X-Filler-").append(i).append(": ").append("y".repeat(90)).append("\r\n");
      }
      send(socket, header.toString());
      String answer = new String(readToEnd(socket), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.0 431 Request Header Fields Too Large\r\n"), answer);
    }
  }
}

package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.epollservers.Conditions.await;
import static org.epollservers.tcp.TcpClient.connect;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.tcp.TcpClient.reset;
import static org.epollservers.tcp.TcpClient.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile and broken clients against the limits: head size, deadline, connection cap, lingering close, resets;
 * run once per acceptor by the subclasses.
 */
abstract class TcpLimitsContract extends TcpContract {


  /** Writes everything on another thread, so the test can read the answer while the client is still sending. */
  private static CompletableFuture<Void> sendInBackground(Socket socket, byte[] bytes) {
    return CompletableFuture.runAsync(() -> {
      try {
        OutputStream out = socket.getOutputStream();
        for (int at = 0; at < bytes.length; at += 16 * 1024) {
          out.write(bytes, at, Math.min(16 * 1024, bytes.length - at));
        }
        out.flush();
      } catch (IOException e) {
        throw new IllegalStateException("the server stopped reading before the client was done", e);
      }
    });
  }

  @Test
  @DisplayName("a 1 MiB header flood gets the whole 431 and a clean close, not a reset")
  void headerFlood() throws Exception {
    TcpVerticle server = deploy(new JsonObject());
    byte[] flood = ("GET / HTTP/1.0\r\n" + ("X-Flood: " + "a".repeat(90) + "\r\n").repeat(10_486)).getBytes(StandardCharsets.US_ASCII);
    assertTrue(flood.length > 1024 * 1024);
    try (Socket socket = connect(server.actualPort())) {
      CompletableFuture<Void> sending = sendInBackground(socket, flood);
      String answer = new String(readToEnd(socket), StandardCharsets.US_ASCII);
      assertEquals(new String(Replies.HEADERS_TOO_LARGE.getBytes(), StandardCharsets.US_ASCII), answer);
      sending.get(10, TimeUnit.SECONDS);
    }
    assertEquals(1, server.traffic().headersTooLargeCount());
  }

  @Test
  @DisplayName("a POST with a 256 KiB body still receives the whole response, never a reset")
  void postBody() throws Exception {
    TcpVerticle server = deploy(new JsonObject());
    byte[] body = new byte[256 * 1024];
    Arrays.fill(body, (byte) 'b');
    byte[] head = ("POST /upload HTTP/1.0\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    for (int round = 0; round < 20; round++) {
      try (Socket socket = connect(server.actualPort())) {
        CompletableFuture<Void> sending = sendInBackground(socket, request);
        assertArrayEquals(SeedResponse.BYTES, readToEnd(socket), "round " + round);
        sending.get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @DisplayName("a client that asks for a large response and never reads it is closed within the header deadline")
  void neverReads() throws Exception {
    int body = 32 * 1024 * 1024;   // far more than the kernel buffers hold, so the write cannot finish at once
    TcpVerticle server = deploy(new JsonObject().put("headerTimeout", "1s")
      .put("response", new JsonObject().put("bodySize", body)));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET /big HTTP/1.0\r\n\r\n");
      await(() -> server.traffic().responses() == 1, "the response to start");
      await(() -> server.traffic().open() == 0, "the server to close the stalled connection");
      long received = 0;
      try {
        socket.setSoTimeout(5_000);
        byte[] chunk = new byte[64 * 1024];
        for (int n = socket.getInputStream().read(chunk); n >= 0; n = socket.getInputStream().read(chunk)) {
          received += n;
        }
      } catch (SocketException reset) {
        // The server gave up on a write the client never took: a reset is a fair end too.
      }
      assertTrue(received < body, "only what the kernel buffered can arrive, got " + received);
    }
  }

  @Test
  @DisplayName("clients trickling bytes are closed at the header deadline while a normal client is answered at once")
  void tricklers() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("headerTimeout", "1s"));
    List<Socket> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        Socket socket = connect(server.actualPort());
        send(socket, "GET /slow HTTP/1.0\r\n");
        tricklers.add(socket);
      }
      // Every one accepted (on a slow machine the first may already have met their deadline).
      await(() -> server.traffic().open() + server.traffic().headerTimeouts() == 200, "200 connections accepted");
      for (int tick = 0; tick < 5; tick++) {
        for (Socket socket : tricklers) {
          try {
            send(socket, "X");
          } catch (SocketException closedByDeadline) {
            // On a slow machine the 1 s deadline can pass while the trickle goes on: the close is what is tested below.
          }
        }
        Thread.sleep(100);
      }
      try (Socket normal = connect(server.actualPort())) {
        send(normal, "GET / HTTP/1.0\r\n\r\n");
        assertArrayEquals(SeedResponse.BYTES, readToEnd(normal));
      }
      for (Socket socket : tricklers) {
        socket.setSoTimeout(5_000);
        try {
          assertEquals(-1, socket.getInputStream().read(), "a trickler got bytes instead of a close");
        } catch (SocketTimeoutException e) {
          fail("a trickler was still open 5 s after its 1 s deadline");
        } catch (SocketException reset) {
          // Closed by the server while the client was still writing: also a close.
        }
      }
      await(() -> server.traffic().headerTimeouts() == 200, "200 header timeouts");
      await(() -> server.traffic().open() == 0, "no open connection");
    } finally {
      for (Socket socket : tricklers) {
        socket.close();
      }
    }
  }

  @Test
  @DisplayName("past the connection cap a new connection is closed at once while open ones are still served")
  void connectionCap() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("maxConnections", 5));
    List<Socket> admitted = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Socket socket = connect(server.actualPort());
        send(socket, "GET / HTTP/1.0\r\n");
        admitted.add(socket);
      }
      await(() -> server.traffic().open() == 5, "5 open connections");
      try (Socket extra = connect(server.actualPort())) {
        try {
          assertEquals(-1, extra.getInputStream().read());
        } catch (SocketException reset) {
          // Also closed at once.
        }
      }
      assertEquals(1, server.traffic().refused());
      for (Socket socket : admitted) {
        send(socket, "\r\n");
        assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
      }
      await(() -> server.traffic().open() == 0, "no open connection");
      try (Socket again = connect(server.actualPort())) {
        send(again, "GET / HTTP/1.0\r\n\r\n");
        assertArrayEquals(SeedResponse.BYTES, readToEnd(again));
      }
    } finally {
      for (Socket socket : admitted) {
        socket.close();
      }
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("one client address at its cap is refused more, while another address is still answered every time")
  void perClientCap() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("maxConnections", 100).put("maxConnectionsPerClient", 5));
    int port = server.actualPort();
    List<Socket> hog = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Socket socket = connect(port);
        send(socket, "GET / HTTP/1.0\r\n");
        hog.add(socket);
      }
      await(() -> server.traffic().open() == 5, "5 open connections from 127.0.0.1");
      for (int i = 0; i < 20; i++) {
        try (Socket extra = connect(port)) {
          send(extra, "GET / HTTP/1.0\r\n\r\n");
          assertEquals(0, readToEnd(extra).length, "past its cap, the same address is closed at once");
        } catch (SocketException reset) {
          // Also closed at once.
        }
        // Loopback holds all of 127.0.0.0/8: another address on this machine is another client.
        try (Socket other = connectFrom("127.0.0.2", port)) {
          send(other, "GET / HTTP/1.0\r\n\r\n");
          assertArrayEquals(SeedResponse.BYTES, readToEnd(other), "another address, round " + i);
        }
      }
      assertEquals(20, server.traffic().refusedPerClient());
      assertEquals(0, server.traffic().refused());
      hog.remove(0).close();
      await(() -> server.traffic().open() == 4, "one of the first address's connections closed");
      try (Socket again = connect(port)) {
        send(again, "GET / HTTP/1.0\r\n\r\n");
        assertArrayEquals(SeedResponse.BYTES, readToEnd(again), "below its cap again, the first address is served");
      }
    } finally {
      for (Socket socket : hog) {
        socket.close();
      }
    }
  }

  private static Socket connectFrom(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /**
   * Sockets this JVM holds open. Sockets only: a jar opened for a class loaded late, or anything else the JVM opens
   * on its own, is no connection leaked.
   */
  private static long openSockets() {
    try (var entries = Files.list(Path.of("/proc/self/fd"))) {
      return entries.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException closedMeanwhile) {
          return false;
        }
      }).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One client that resets the connection at a given stage of the exchange. */
  private static void abuse(int port, int stage) throws IOException {
    Socket socket = connect(port);
    switch (stage) {
      case 0 -> { }
      case 1 -> send(socket, "GET / HTTP/1.0\r\nHost: x");
      case 2 -> send(socket, "GET / HTTP/1.0\r\n\r\n");
      case 3 -> send(socket, "POST / HTTP/1.0\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000));
      case 4 -> {
        send(socket, "GET / HTTP/1.0\r\n\r\n");
        socket.getInputStream().readNBytes(100);
      }
      default -> {
        send(socket, "GET / HTTP/1.0\r\n\r\n");
        readToEnd(socket);
      }
    }
    if (stage % 2 == 0) {
      reset(socket);
    } else {
      socket.shutdownOutput();
      socket.close();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("resets and half-closes at every stage leak no socket and stop nothing")
  void resetsLeakNothing() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("lingerTimeout", "200ms"));
    int port = server.actualPort();
    Random random = new Random(42);
    for (int i = 0; i < 60; i++) {
      abuse(port, i % 6);
    }
    await(() -> server.traffic().open() == 0, "warm-up connections closed");
    long before = openSockets();
    for (int i = 0; i < 600; i++) {
      abuse(port, random.nextInt(6));
    }
    await(() -> server.traffic().open() == 0, "every connection closed");
    try (Socket socket = connect(port)) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
    }
    await(() -> server.traffic().open() == 0, "the last connection closed");
    await(() -> openSockets() == before, "as many sockets open as before 600 abusive clients (before: " + before + ")");
  }

  @Test
  @DisplayName("at stop the listener closes, a request in flight is still answered, one left unfinished is closed at the grace")
  void drainAtStop() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("shutdownGrace", "1s"));
    int port = server.actualPort();
    try (Socket finishing = connect(port); Socket abandoned = connect(port)) {
      send(finishing, "GET / HTTP/1.0\r\n");
      send(abandoned, "GET / HTTP/1.0\r\n");
      await(() -> server.traffic().open() == 2, "both connections accepted");
      io.vertx.core.Future<Void> stopped = vertx.undeploy(deploymentId);
      await(() -> refused(port), "the listener to close");
      send(finishing, "\r\n");
      assertArrayEquals(SeedResponse.BYTES, readToEnd(finishing));
      assertEquals(0, readToEnd(abandoned).length, "an unfinished request gets no answer");
      stopped.await(10, TimeUnit.SECONDS);
      assertEquals(1, server.traffic().responses());
    }
  }

  private static boolean refused(int port) {
    try (Socket probe = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}

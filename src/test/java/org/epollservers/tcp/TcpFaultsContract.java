package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

import static org.epollservers.Conditions.await;
import static org.epollservers.tcp.TcpClient.connect;
import static org.epollservers.tcp.TcpClient.readToEnd;
import static org.epollservers.tcp.TcpClient.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Injected faults and delays (tcp.faults, tcp.response.delay and jitter) as a client sees them; run once per path by
 * the subclasses. Timings are asserted as lower bounds only.
 */
abstract class TcpFaultsContract extends TcpContract {

  private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";


  private TcpVerticle deployWithFaults(JsonObject faults) throws Exception {
    return deploy(new JsonObject().put("faults", faults));
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  @DisplayName("with reset at 1 the client's read fails with a connection reset, counted")
  void reset() throws Exception {
    TcpVerticle server = deployWithFaults(new JsonObject().put("reset", 1));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, REQUEST);
      SocketException reset = assertThrows(SocketException.class, () -> readToEnd(socket));
      assertTrue(String.valueOf(reset.getMessage()).contains("Connection reset"), reset.toString());
    }
    await(() -> server.traffic().open() == 0, "the connection to be freed");
    assertEquals(1, server.traffic().faultsInjected(Fault.RESET));
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("with close at 1 the client reads a clean end and no byte, counted")
  void close() throws Exception {
    TcpVerticle server = deployWithFaults(new JsonObject().put("close", 1));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, REQUEST);
      assertEquals(0, readToEnd(socket).length);
    }
    await(() -> server.traffic().open() == 0, "the connection to be freed");
    assertEquals(1, server.traffic().faultsInjected(Fault.CLOSE));
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("with close at 1 a client still sending a body gets a clean end too, not a reset")
  void closeWhileSending() throws Exception {
    TcpVerticle server = deployWithFaults(new JsonObject().put("close", 1));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "POST / HTTP/1.0\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
      assertEquals(0, readToEnd(socket).length);
    }
    assertEquals(1, server.traffic().faultsInjected(Fault.CLOSE));
  }

  @Test
  @DisplayName("with stall at 1 nothing comes until the header deadline, then a clean end, counted as a stall")
  void stall() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("headerTimeout", "300ms").put("faults", new JsonObject().put("stall", 1)));
    // Taken before connecting: the server's deadline starts at accept, later.
    long start = System.nanoTime();
    try (Socket socket = connect(server.actualPort())) {
      send(socket, REQUEST);
      assertEquals(0, readToEnd(socket).length);
      long waited = millisSince(start);
      assertTrue(waited >= 300, "the stalled connection ended after " + waited + " ms, before its 300 ms deadline");
    }
    await(() -> server.traffic().open() == 0, "the connection to be freed");
    assertEquals(1, server.traffic().faultsInjected(Fault.STALL));
    assertEquals(0, server.traffic().headerTimeouts());
    assertEquals(0, server.traffic().responses());
  }

  @Test
  @DisplayName("with a 300 ms delay the exact response arrives no sooner than 300 ms after the request")
  void delay() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("response", new JsonObject().put("delay", "300ms")));
    try (Socket socket = connect(server.actualPort())) {
      long start = System.nanoTime();
      send(socket, REQUEST);
      assertArrayEquals(SeedResponse.BYTES, readToEnd(socket));
      long waited = millisSince(start);
      assertTrue(waited >= 300, "answered after " + waited + " ms");
    }
    assertEquals(1, server.traffic().responses());
    assertEquals(1, server.traffic().responsesDelayed());
  }

  @Test
  @DisplayName("with jitter every response is still exact and none comes sooner than the delay")
  void jitter() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("response", new JsonObject().put("delay", "20ms").put("jitter", "40ms")));
    for (int i = 0; i < 20; i++) {
      try (Socket socket = connect(server.actualPort())) {
        long start = System.nanoTime();
        send(socket, REQUEST);
        assertArrayEquals(SeedResponse.BYTES, readToEnd(socket), "response " + i);
        assertTrue(millisSince(start) >= 20, "response " + i + " came before the delay");
      }
    }
    assertEquals(20, server.traffic().responses());
    assertEquals(20, server.traffic().responsesDelayed());
  }

  @Test
  @DisplayName("a client that leaves during a long delay frees its connection at once, and is never answered")
  void leaveDuringDelay() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("response", new JsonObject().put("delay", "10m")));
    try (Socket socket = connect(server.actualPort())) {
      send(socket, REQUEST);
      await(() -> server.traffic().open() == 1, "the connection to be accepted");
    }
    await(() -> server.traffic().open() == 0, "the connection to be freed long before its 10 minute delay");
    assertEquals(0, server.traffic().responses());
    assertEquals(0, server.traffic().responsesDelayed());
    try (Socket socket = connect(server.actualPort())) {
      send(socket, "GET / HTTP/1.0\r\n");
      await(() -> server.traffic().open() == 1, "the server to serve on");
    }
  }

  @Test
  @DisplayName("the delayed response of a client that left is cancelled: a later client's, due after it, is the only one")
  void leftClientsResponseCancelled() throws Exception {
    TcpVerticle server = deploy(new JsonObject().put("response", new JsonObject().put("delay", "300ms")));
    try (Socket leaving = connect(server.actualPort())) {
      send(leaving, REQUEST);
      await(() -> server.traffic().open() == 1, "the connection to be accepted");
    }
    await(() -> server.traffic().open() == 0, "the connection to be freed");
    // Equal delays fall due in order: by the time this answer arrives, the first one's would have been due.
    try (Socket staying = connect(server.actualPort())) {
      send(staying, REQUEST);
      assertArrayEquals(SeedResponse.BYTES, readToEnd(staying));
    }
    assertEquals(1, server.traffic().responses());
    assertEquals(1, server.traffic().responsesDelayed());
  }

  @Test
  @DisplayName("with reset and close at 0.5 each, 200 clients see both, and the counts match what the clients saw")
  void mixed() throws Exception {
    TcpVerticle server = deployWithFaults(new JsonObject().put("reset", 0.5).put("close", 0.5));
    int resets = 0;
    int closes = 0;
    for (int i = 0; i < 200; i++) {
      try (Socket socket = connect(server.actualPort())) {
        send(socket, REQUEST);
        assertEquals(0, readToEnd(socket).length, "connection " + i + " got bytes");
        closes++;
      } catch (SocketException reset) {
        assertTrue(String.valueOf(reset.getMessage()).contains("Connection reset"), reset.toString());
        resets++;
      }
    }
    assertTrue(resets > 0 && closes > 0, resets + " resets and " + closes + " closes");
    await(() -> server.traffic().open() == 0, "every connection to be freed");
    assertEquals(resets, server.traffic().faultsInjected(Fault.RESET));
    assertEquals(closes, server.traffic().faultsInjected(Fault.CLOSE));
    assertEquals(0, server.traffic().faultsInjected(Fault.STALL));
    assertEquals(0, server.traffic().responses());
  }
}

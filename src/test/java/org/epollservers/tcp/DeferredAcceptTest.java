package org.epollservers.tcp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("deferred accept on epoll: what a client that sends nothing sees")
class DeferredAcceptTest extends TcpContract {

  @Override
  TcpPath path() {
    return TcpPath.EPOLL;
  }

  private TcpVerticle deploy(String deferAccept) throws Exception {
    return deploy(new JsonObject().put("headerTimeout", "300ms").put("deferAccept", deferAccept));
  }

  /** Connects, sends nothing, and returns how long until the server closed the connection. */
  private static long millisUntilClosed(int port) throws IOException {
    try (Socket socket = TcpClient.connect(port)) {
      long start = System.nanoTime();
      assertEquals(-1, socket.getInputStream().read(), "the server sent bytes to a client that asked nothing");
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
  }

  @Test
  @DisplayName("a silent client is handed over after the defer time, then closed at the header deadline")
  void silentClientDeferred() throws Exception {
    TcpVerticle verticle = deploy("1s");
    long closedAfter = millisUntilClosed(verticle.actualPort());
    assertTrue(closedAfter >= 900, "closed after " + closedAfter + " ms, before the kernel could hand it over");
    assertEquals(1, verticle.traffic().headerTimeouts());
  }

  @Test
  @DisplayName("without deferred accept a silent client meets the header deadline alone")
  void silentClientNotDeferred() throws Exception {
    TcpVerticle verticle = deploy("0s");
    long closedAfter = millisUntilClosed(verticle.actualPort());
    // Deferred, it could not close before 1 s + 300 ms; the room above 300 ms is for a busy machine.
    assertTrue(closedAfter < 1200, "closed after " + closedAfter + " ms; the header deadline is 300 ms");
    assertEquals(1, verticle.traffic().headerTimeouts());
  }

  @Test
  @DisplayName("a client whose request comes after a pause is answered whole")
  void lateRequest() throws Exception {
    TcpVerticle verticle = deploy("1s");
    try (Socket socket = TcpClient.connect(verticle.actualPort())) {
      Thread.sleep(150);
      TcpClient.send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertArrayEquals(SeedResponse.BYTES, TcpClient.readToEnd(socket));
    }
  }
}

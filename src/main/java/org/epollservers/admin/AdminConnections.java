package org.epollservers.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The admin endpoint's own budget, so no client of it can starve the process or the probes: a cap on open
 * connections, past which a new one is closed at once, and a deadline for every request, counted from the connection
 * or from the previous response. Used on the admin verticle's event loop only.
 */
final class AdminConnections {

  private final Vertx vertx;
  private final int maxConnections;
  private final long requestTimeoutMillis;
  /** Each open connection and the timer that closes it unless a request arrives first. */
  private final Map<HttpConnection, Long> deadlines = new IdentityHashMap<>();
  private long refused;

  AdminConnections(Vertx vertx, int maxConnections, Duration requestTimeout) {
    this.vertx = vertx;
    this.maxConnections = maxConnections;
    this.requestTimeoutMillis = Math.max(1, requestTimeout.toMillis());
  }

  /** A new connection: admitted with a deadline for its first request, or closed at once past the cap. */
  void opened(HttpConnection connection) {
    if (deadlines.size() >= maxConnections) {
      refused++;
      connection.close();
      return;
    }
    deadlines.put(connection, 0L);
    arm(connection);
    connection.closeHandler(closed -> {
      Long timer = deadlines.remove(connection);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    });
  }

  /** A request arrived: its connection is busy until the response ends, then waits for the next one. */
  void requested(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Long timer = deadlines.get(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
      request.response().endHandler(ended -> arm(connection));
    }
  }

  private void arm(HttpConnection connection) {
    if (deadlines.containsKey(connection)) {
      deadlines.put(connection, vertx.setTimer(requestTimeoutMillis, fired -> connection.close()));
    }
  }

  int open() {
    return deadlines.size();
  }

  long refused() {
    return refused;
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Whether and where the admin endpoint (health and metrics) listens, and the budget it gives its clients.
 *
 * @param maxConnections open admin connections allowed; past it a new one is closed at once
 * @param requestTimeout how long a connection may wait for its next complete request, or take to read an answer
 */
public record AdminConfig(boolean enabled, Endpoint endpoint, int maxConnections, Duration requestTimeout) {

  static AdminConfig from(JsonObject admin) {
    return new AdminConfig(admin.getBoolean("enabled"), Endpoint.from(admin), admin.getInteger("maxConnections"),
      Durations.read(admin, "requestTimeout"));
  }
}

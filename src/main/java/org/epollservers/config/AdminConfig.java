package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Whether and where the admin endpoint (health and metrics) listens, and the budget it gives its clients. */
public record AdminConfig(boolean enabled, Endpoint endpoint, int maxConnections, Duration requestTimeout) {

  static AdminConfig from(JsonObject admin) {
    return new AdminConfig(admin.getBoolean("enabled"), Endpoint.from(admin), admin.getInteger("maxConnections"),
      Durations.read(admin, "requestTimeout"));
  }
}

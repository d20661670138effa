package org.epollservers.config;

import io.vertx.core.json.JsonObject;

/**
 * Where a server, the admin endpoint or a cluster member binds.
 *
 * @param host the address (for a cluster member, Hazelcast's interface, which may be a pattern such as {@code 10.0.*.*})
 * @param port the port; 0 binds a free one
 * @param reusePort SO_REUSEPORT, to share the port with other sockets and processes (false where there is no such key)
 */
public record Endpoint(String host, int port, boolean reusePort) {

  /** Reads {@code host}, {@code port} and, when the section has it, {@code reusePort}. */
  static Endpoint from(JsonObject section) {
    return new Endpoint(section.getString("host"), section.getInteger("port"), section.getBoolean("reusePort", false));
  }
}

package org.epollservers.config;

/** Whether and where the admin endpoint (health and metrics) listens. */
public record AdminConfig(boolean enabled, String host, int port) {
}

package org.epollservers.config;

import java.time.Duration;

/**
 * Where the TCP server listens, the limits it puts on clients, and what it answers.
 *
 * @param acceptOnEventLoop whether each instance accepts on its own event loop rather than through Vert.x's acceptor
 * @param reusePort SO_REUSEPORT on the listener, to share the port with other processes
 * @param maxHeaderBytes the largest request head read before a 431
 * @param headerTimeout the time from accept to the blank line
 * @param deferAccept how long the kernel may hold a connection that has sent nothing yet (TCP_DEFER_ACCEPT); zero for off
 * @param maxConnections open connections allowed on the port, all instances together
 * @param maxConnectionsPerClient open connections allowed from one client address; 0 for no limit
 * @param lingerTimeout how long bytes a client may still send are drained after the response
 * @param shutdownGrace how long accepted connections may take to finish at stop
 */
public record TcpConfig(String host, int port, boolean acceptOnEventLoop, boolean reusePort, int maxHeaderBytes, Duration headerTimeout,
                        Duration deferAccept, int maxConnections, int maxConnectionsPerClient, Duration lingerTimeout, Duration shutdownGrace, ResponseConfig response) {
}

package org.epollservers.config;

import java.time.Duration;

/**
 * Where the UDP socket listens, whether datagrams are also published, how much the kernel may buffer, how much
 * output may wait for stdout, and how often counters are reported.
 *
 * @param reusePort SO_REUSEPORT on the socket, to share the port with other sockets and processes
 * @param publish whether each datagram is also published on the event bus
 * @param statsInterval the period of the counters line on stderr; zero for none
 */
public record UdpConfig(String host, int port, boolean reusePort, boolean publish, int receiveBufferBytes,
                        Duration statsInterval, int printBufferBytes) {
}

package org.epollservers.config;

import java.time.Duration;

/**
 * Where the UDP socket listens, how much the kernel may buffer for it, how much output may wait for stdout,
 * and how often counters are reported.
 *
 * @param statsInterval the period of the counters line on stderr; zero for none
 */
public record UdpConfig(String host, int port, int receiveBufferBytes, Duration statsInterval, int printBufferBytes) {
}

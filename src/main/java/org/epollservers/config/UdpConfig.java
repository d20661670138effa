package org.epollservers.config;

/** Where the UDP socket listens and how much printed output may wait for stdout. */
public record UdpConfig(String host, int port, int printBufferBytes) {
}

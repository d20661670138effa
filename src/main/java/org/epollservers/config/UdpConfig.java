package org.epollservers.config;

/** Where the UDP socket listens, how much the kernel may buffer for it, and how much output may wait for stdout. */
public record UdpConfig(String host, int port, int receiveBufferBytes, int printBufferBytes) {
}

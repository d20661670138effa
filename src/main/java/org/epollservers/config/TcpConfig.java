package org.epollservers.config;

/** Where the TCP server listens, how many instances share the port, how much it reads, and what it answers. */
public record TcpConfig(String host, int port, int instances, int maxHeaderBytes, ResponseConfig response) {
}

package org.epollservers.config;

/** Hard bounds that keep memory predictable whatever the configuration says. */
public final class Limits {

  /** The largest canned response body, generated or read from a file. */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  /** The largest UDP receive buffer that may be asked for (the kernel grants at most net.core.rmem_max). */
  public static final int MAX_UDP_RECEIVE_BUFFER_BYTES = 64 * 1024 * 1024;

  /** Above this, Vert.x's DatagramSocket, which reads each datagram into a buffer that large, collapses. */
  public static final int MAX_VERTX_UDP_RECEIVE_BUFFER_BYTES = 1024 * 1024;

  private Limits() {
  }
}

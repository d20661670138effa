package org.epollservers.udp;

import io.vertx.core.Future;

/** One UDP socket whose datagrams go to a {@link DatagramLines}: read in bursts on the event loop, or by Vert.x. */
interface DatagramReceiver {

  /**
   * Binds {@code host:port}; completes with the port really bound.
   *
   * @param reusePort SO_REUSEPORT, to share the port with this process's other instances or with other processes
   * @param receiveBufferBytes the SO_RCVBUF to ask the kernel for
   */
  Future<Integer> listen(String host, int port, boolean reusePort, int receiveBufferBytes, DatagramLines lines);

  /** Closes the socket; datagrams still in its kernel buffer are discarded. */
  Future<Void> close();

  /** How it reads, for the start-up line. */
  String description();

  /** The receive buffer it really asks the kernel for, given the one configured. */
  default int receiveBufferBytes(int configured) {
    return configured;
  }
}

package org.epollservers.internals;

import io.netty.channel.epoll.LinuxSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Opens the listening TCP sockets of the fast paths: bound, listening, non-blocking, optionally deferring accept. */
final class Listeners {

  /** From Linux's netinet/in.h and netinet/tcp.h; Netty keeps its own setter for this option package-private. */
  private static final int IPPROTO_TCP = 6;
  private static final int TCP_DEFER_ACCEPT = 9;

  private Listeners() {
  }

  /**
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   * @return the listening socket; on failure none is left open
   */
  static LinuxSocket open(InetSocketAddress address, boolean reusePort, int backlog, Duration deferAccept) throws IOException {
    LinuxSocket socket = LinuxSocket.newSocketStream();
    try {
      socket.setReuseAddress(true);
      if (reusePort) {
        socket.setReusePort(true);
      }
      if (!deferAccept.isZero()) {
        socket.setIntOpt(IPPROTO_TCP, TCP_DEFER_ACCEPT, (int) Math.ceil(deferAccept.toMillis() / 1000.0));
      }
      socket.bind(address);
      socket.listen(backlog);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}

package org.epollservers.udp;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** Asks the kernel for a UDP receive buffer on a throwaway socket and reports what it grants (it caps at rmem_max). */
final class ReceiveBufferProbe {

  private ReceiveBufferProbe() {
  }

  /** The SO_RCVBUF the kernel grants for a request of {@code bytes}; blocking, so run it off the event loop. */
  static int granted(int bytes) throws IOException {
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.setOption(StandardSocketOptions.SO_RCVBUF, bytes);
      return probe.getOption(StandardSocketOptions.SO_RCVBUF);
    }
  }
}

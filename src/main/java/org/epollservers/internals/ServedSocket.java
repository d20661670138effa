package org.epollservers.internals;

import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What both fast paths' accepted sockets offer their connection: plain reads, the peer's address, half-close, reset, close. */
public interface ServedSocket {

  /** The descriptor. */
  int intValue();

  /** Reads into {@code into} from 0 to its capacity: the bytes read, 0 if none wait, negative at the end of input. */
  int readInto(ByteBuffer into) throws IOException;

  /** Closes the socket; what it still watched or had in flight is dropped. */
  void close();

  /**
   * The peer's address, asked of the kernel (getpeername) only when wanted, so the fast paths pay nothing for it;
   * {@code null} once the socket is closed or reset.
   */
  default InetSocketAddress remoteAddress() {
    try {
      return new Socket(intValue()).remoteAddress();
    } catch (RuntimeException closed) {
      return null;
    }
  }

  /** Sends FIN; the input stays open. */
  default void shutdownOutput() throws IOException {
    new Socket(intValue()).shutdown(false, true);
  }

  /** Makes the coming close send a reset instead of FIN (SO_LINGER with a zero timeout). */
  default void resetOnClose() throws IOException {
    new Socket(intValue()).setSoLinger(0);
  }
}

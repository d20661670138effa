package org.epollservers.internals;

import io.netty.channel.unix.Buffer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code struct sockaddr_storage} and its length in native memory, for the kernel to fill in at an io_uring accept:
 * the client's address read back as a per-client key or, when wanted, as a Java address.
 */
final class KernelSockaddr {

  private static final int STORAGE = 128;
  private static final short AF_INET = 2;
  private static final short AF_INET6 = 10;

  private final ByteBuffer memory = ByteBuffer.allocateDirect(STORAGE + Integer.BYTES).order(ByteOrder.nativeOrder());
  private final long address = Buffer.memoryAddress(memory);

  /** Where the kernel writes the address. */
  long addressMemory() {
    return address;
  }

  /** Where the kernel reads the room it has and writes the length it used: reset before each accept. */
  long lengthMemory() {
    memory.putInt(STORAGE, STORAGE);
    return address + STORAGE;
  }

  /** A key equal for every connection from the same address, whatever its port; IPv4 also when mapped into IPv6. */
  Object clientKey() {
    short family = memory.getShort(0);
    if (family == AF_INET) {
      return AcceptedAddress.ipv4Key(bigEndianInt(4));
    }
    if (family == AF_INET6) {
      if (isMappedIpv4()) {
        return AcceptedAddress.ipv4Key(bigEndianInt(20));
      }
      return AcceptedAddress.ipv6Key(bigEndianLong(8), bigEndianLong(16));
    }
    return family;
  }

  /** The client's address and port, or {@code null} for a family other than IPv4 and IPv6. */
  InetSocketAddress socketAddress() {
    short family = memory.getShort(0);
    int port = Short.toUnsignedInt(Short.reverseBytes(memory.getShort(2)));
    byte[] bytes;
    if (family == AF_INET) {
      bytes = copy(4, 4);
    } else if (family == AF_INET6) {
      bytes = isMappedIpv4() ? copy(20, 4) : copy(8, 16);
    } else {
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private boolean isMappedIpv4() {
    return bigEndianLong(8) == 0 && bigEndianInt(16) == 0xffff;
  }

  private byte[] copy(int from, int count) {
    byte[] bytes = new byte[count];
    memory.get(from, bytes);
    return bytes;
  }

  private int bigEndianInt(int at) {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      value = (value << 8) | (memory.get(i) & 0xff);
    }
    return value;
  }

  private long bigEndianLong(int at) {
    return ((long) bigEndianInt(at) << 32) | (bigEndianInt(at + 4) & 0xffffffffL);
  }
}

package org.epollservers.internals;

/**
 * Reads the client's address from the bytes Netty's {@code Socket.accept(byte[])} fills in: first the length (8 for
 * IPv4, also when mapped into IPv6; 24 for IPv6), then the address itself, then port (and scope for IPv6).
 */
final class AcceptedAddress {

  /** Room for the longest form: the length byte, 16 address bytes, the scope and the port. */
  static final int BYTES = 26;

  private AcceptedAddress() {
  }

  /** A key equal for every connection from the same address, whatever its port, built without a lookup. */
  static Object clientKey(byte[] accepted) {
    if (accepted[0] == 8) {
      return ipv4Key((int) bytesAt(accepted, 1, 4));
    }
    return ipv6Key(bytesAt(accepted, 1, 8), bytesAt(accepted, 9, 8));
  }

  /** The key of an IPv4 client, whichever path accepted it. */
  static Object ipv4Key(int address) {
    return address;
  }

  /** The key of an IPv6 client from the two halves of its address, whichever path accepted it. */
  static Object ipv6Key(long high, long low) {
    return new Ipv6(high, low);
  }

  private static long bytesAt(byte[] bytes, int from, int count) {
    long value = 0;
    for (int i = from; i < from + count; i++) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return value;
  }

  /** An IPv6 address as two halves. */
  private record Ipv6(long high, long low) {
  }
}

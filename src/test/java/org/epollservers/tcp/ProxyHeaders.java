package org.epollservers.tcp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers, v1 and v2, written byte by byte from the HAProxy specification for the tests. */
final class ProxyHeaders {

  private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

  private ProxyHeaders() {
  }

  /** {@code PROXY TCP4|TCP6 source destination sport dport\r\n}. */
  static byte[] v1(String source, int sourcePort) {
    String family = source.contains(":") ? "TCP6" : "TCP4";
    String destination = source.contains(":") ? "::1" : "127.0.0.1";
    return ascii("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " 8080\r\n");
  }

  /** {@code PROXY UNKNOWN\r\n}: the proxy does not know; the server uses the real peer. */
  static byte[] v1Unknown() {
    return ascii("PROXY UNKNOWN\r\n");
  }

  /** A v2 PROXY command over TCP from {@code source}, followed by {@code tlv} (a complete TLV, or empty). */
  static byte[] v2(String source, int sourcePort, byte[] tlv) throws UnknownHostException {
    byte[] from = InetAddress.getByName(source).getAddress();
    byte[] to = InetAddress.getByName(from.length == 4 ? "127.0.0.1" : "::1").getAddress();
    ByteArrayOutputStream addresses = new ByteArrayOutputStream();
    addresses.writeBytes(from);
    addresses.writeBytes(to);
    addresses.writeBytes(new byte[] {(byte) (sourcePort >> 8), (byte) sourcePort, 0x1F, (byte) 0x90});
    addresses.writeBytes(tlv);
    // Version 2, command PROXY; family INET (1) or INET6 (2) with transport STREAM (1).
    return v2Header(0x21, from.length == 4 ? 0x11 : 0x21, addresses.toByteArray());
  }

  /** A v2 PROXY command from a Unix socket (family UNIX, STREAM): two 108-byte paths. */
  static byte[] v2Unix(String path) {
    byte[] addresses = new byte[216];
    System.arraycopy(ascii(path), 0, addresses, 0, path.length());
    return v2Header(0x21, 0x31, addresses);
  }

  /** A v2 PROXY command over UDP (family INET, DGRAM), which a TCP server cannot take. */
  static byte[] v2Udp() throws UnknownHostException {
    byte[] tcp = v2("192.0.2.1", 40000, new byte[0]);
    tcp[13] = 0x12;
    return tcp;
  }

  /** A v2 LOCAL command (the proxy's own health check): no addresses; the server uses the real peer. */
  static byte[] v2Local() {
    return v2Header(0x20, 0x00, new byte[0]);
  }

  /** A TLV of type PP2_TYPE_AUTHORITY (0x02) naming {@code host}. */
  static byte[] authorityTlv(String host) {
    byte[] value = ascii(host);
    ByteArrayOutputStream tlv = new ByteArrayOutputStream();
    tlv.write(0x02);
    tlv.write(value.length >> 8);
    tlv.write(value.length);
    tlv.writeBytes(value);
    return tlv.toByteArray();
  }

  private static byte[] v2Header(int versionCommand, int familyTransport, byte[] rest) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(V2_SIGNATURE);
    header.write(versionCommand);
    header.write(familyTransport);
    header.write(rest.length >> 8);
    header.write(rest.length);
    header.writeBytes(rest);
    return header.toByteArray();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}

package org.epollservers.config;

import org.epollservers.text.Escaping;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code ::1/128}, written as a literal (never looked up in DNS); an
 * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is the IPv4 address it carries, here and when matched.
 *
 * @param network the block's first address, 4 or 16 bytes, with no bit set past the prefix
 * @param prefix how many leading bits an address must share with {@code network}
 */
public record Cidr(byte[] network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * Reads {@code 10.0.0.0/8}, {@code ::1/128} or a bare address (one host: /32 or /128).
   *
   * @throws IllegalArgumentException saying, with the entry escaped, why it is not a block of addresses
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean v4Text = IPV4.matcher(address).matches();
    if (!v4Text && !IPV6.matcher(address).matches()) {
      throw refused(text, "is not an IPv4 or IPv6 address, with an optional /prefix");
    }
    byte[] bytes = v4Text ? ipv4(address) : ipv6(address);
    if (bytes == null) {
      throw refused(text, "is not an IPv4 or IPv6 address, with an optional /prefix");
    }
    int bits = 8 * bytes.length;
    // ::ffff:a.b.c.d comes back as the IPv4 address: its prefix counts the 96 bits before it.
    int shift = !v4Text && bytes.length == 4 ? 96 : 0;
    int prefix = bits + shift;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits + shift || Integer.parseInt(digits) < shift) {
        throw refused(text, "has a prefix that is not from " + shift + " to " + (bits + shift));
      }
      prefix = Integer.parseInt(digits);
    }
    Cidr cidr = new Cidr(bytes, prefix - shift);
    if (!cidr.hostBitsClear()) {
      throw refused(text, "has bits set past its /" + prefix + " prefix");
    }
    return cidr;
  }

  /** Four decimal bytes, read here: Java would look an out-of-range dotted quad up in DNS as a host name. */
  private static byte[] ipv4(String address) {
    String[] parts = address.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = Integer.parseInt(parts[i]);
      // A leading zero reads as octal to some tools and decimal to others: refused rather than guessed.
      if (value > 255 || (parts[i].length() > 1 && parts[i].charAt(0) == '0')) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  /** An IPv6 literal (with a colon, so Java never takes it for a host name); an IPv4-mapped one as its 4 bytes. */
  private static byte[] ipv6(String address) {
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static IllegalArgumentException refused(String text, String why) {
    return new IllegalArgumentException("entry " + Escaping.quoted(text) + " " + why);
  }

  /** Whether an address (4 or 16 bytes, as {@link InetAddress#getAddress} gives them) is in the block. */
  public boolean matches(byte[] address) {
    int offset = network.length == 4 && isMapped(address) ? 12 : 0;
    if (address.length - offset != network.length) {
      return false;
    }
    int whole = prefix >> 3;
    for (int i = 0; i < whole; i++) {
      if (address[offset + i] != network[i]) {
        return false;
      }
    }
    int rest = prefix & 7;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || ((address[offset + whole] ^ network[whole]) & mask) == 0;
  }

  /** Whether no bit past the prefix is set, as a block's network address must be. */
  private boolean hostBitsClear() {
    for (int bit = prefix; bit < 8 * network.length; bit++) {
      if ((network[bit >> 3] & (0x80 >>> (bit & 7))) != 0) {
        return false;
      }
    }
    return true;
  }

  /** An IPv4-mapped IPv6 address, {@code ::ffff:a.b.c.d}. */
  public static boolean isMapped(byte[] address) {
    if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The block as written in a summary, such as {@code 10.0.0.0/8}. */
  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return "?/" + prefix;
    }
  }
}

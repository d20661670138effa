package org.epollservers.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

  private static boolean matches(String cidr, String address) throws Exception {
    return Cidr.parse(cidr).matches(InetAddress.getByName(address).getAddress());
  }

  private static byte[] mapped(int a, int b, int c, int d) {
    return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
  }

  @Test
  @DisplayName("an address is in a block when its leading prefix bits are the block's, also mid-byte")
  void prefixes() throws Exception {
    assertTrue(matches("10.0.0.0/8", "10.255.1.2"));
    assertFalse(matches("10.0.0.0/8", "11.0.0.0"));
    assertTrue(matches("172.16.0.0/12", "172.31.255.255"));
    assertFalse(matches("172.16.0.0/12", "172.32.0.0"));
    assertTrue(matches("0.0.0.0/0", "203.0.113.9"));
    assertTrue(matches("127.0.0.2", "127.0.0.2"));
    assertFalse(matches("127.0.0.2", "127.0.0.1"));
    assertTrue(matches("::1", "::1"));
    assertTrue(matches("fe80::/10", "febf::1"));
    assertFalse(matches("fe80::/10", "fec0::1"));
  }

  @Test
  @DisplayName("families do not mix, except that an IPv4-mapped IPv6 address is its IPv4 address")
  void families() throws Exception {
    assertFalse(matches("0.0.0.0/0", "::1"));
    assertFalse(matches("::/0", "127.0.0.1"));
    assertTrue(Cidr.parse("10.0.0.0/8").matches(mapped(10, 1, 2, 3)));
    assertFalse(Cidr.parse("10.0.0.0/8").matches(mapped(11, 1, 2, 3)));
    assertTrue(Cidr.parse("::ffff:10.0.0.0/104").matches(mapped(10, 9, 9, 9)));
    assertTrue(Cidr.parse("::ffff:10.0.0.0/104").matches(new byte[] {10, 9, 9, 9}));
  }
}

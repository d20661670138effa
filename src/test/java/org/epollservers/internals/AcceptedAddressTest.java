package org.epollservers.internals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AcceptedAddressTest {

  /** The bytes as Netty's accept fills them: length, address, then for IPv6 the scope, then the port. */
  private static byte[] accepted(String address, int port) throws Exception {
    byte[] ip = InetAddress.getByName(address).getAddress();
    byte[] bytes = new byte[AcceptedAddress.BYTES];
    bytes[0] = (byte) (ip.length == 4 ? 8 : 24);
    System.arraycopy(ip, 0, bytes, 1, ip.length);
    int portAt = ip.length == 4 ? 5 : 21;
    bytes[portAt + 2] = (byte) (port >> 8);
    bytes[portAt + 3] = (byte) port;
    return bytes;
  }

  @Test
  @DisplayName("connections from one address share a key whatever their ports; other addresses differ")
  void oneKeyPerAddress() throws Exception {
    assertEquals(AcceptedAddress.clientKey(accepted("10.0.0.7", 40000)), AcceptedAddress.clientKey(accepted("10.0.0.7", 51000)));
    assertNotEquals(AcceptedAddress.clientKey(accepted("10.0.0.7", 40000)), AcceptedAddress.clientKey(accepted("10.0.0.8", 40000)));
    assertEquals(AcceptedAddress.clientKey(accepted("2001:db8::1", 1)), AcceptedAddress.clientKey(accepted("2001:db8::1", 2)));
    assertNotEquals(AcceptedAddress.clientKey(accepted("2001:db8::1", 1)), AcceptedAddress.clientKey(accepted("2001:db8::2", 1)));
    assertNotEquals(AcceptedAddress.clientKey(accepted("2001:db8::1", 1)), AcceptedAddress.clientKey(accepted("::1", 1)));
  }
}

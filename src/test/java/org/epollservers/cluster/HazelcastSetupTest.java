package org.epollservers.cluster;

import com.hazelcast.config.Config;
import org.epollservers.config.ClusterConfig;
import org.epollservers.config.Endpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HazelcastSetupTest {

  private static Config config(String networkInterface) {
    return HazelcastSetup.config(new ClusterConfig("epoll-servers", "node1,node2", new Endpoint(networkInterface, 5701, false), null));
  }

  @Test
  @DisplayName("an address or a wildcard pattern is Hazelcast's interface, as given")
  void patternsAsInterface() {
    for (String given : List.of("127.0.0.1", "10.0.*.*", "10.3-5.*.*", "fe80:0:0:0:*")) {
      Config config = config(given);
      assertTrue(config.getNetworkConfig().getInterfaces().isEnabled(), given);
      assertEquals(List.of(given), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
      assertNull(config.getProperty(HazelcastSetup.LOCAL_ADDRESS), given);
    }
  }

  @Test
  @DisplayName("a host name is resolved and bound as the member's address, leaving every member joinable")
  void hostNameResolved() throws Exception {
    Config config = config("localhost");
    assertFalse(config.getNetworkConfig().getInterfaces().isEnabled(), "an interface would filter the members");
    String address = config.getProperty(HazelcastSetup.LOCAL_ADDRESS);
    assertTrue(InetAddress.getByName(address).isLoopbackAddress(), address);
    assertEquals(List.of("node1", "node2"), config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  @DisplayName("a host name that does not resolve is refused with the key's name")
  void unresolvedRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config("no-such-host.invalid"));
    assertTrue(refused.getMessage().contains("cluster.interface"), refused.getMessage());
  }
}

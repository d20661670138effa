package org.epollservers.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.epollservers.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Builds the Hazelcast cluster manager from {@code cluster.xml} and the node's {@code cluster} settings. */
public final class HazelcastSetup {

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastSetup.class);

  /** What Hazelcast takes as an interface: IPv4 with wildcards or ranges ({@code 10.0.*.*}), or IPv6. */
  private static final Pattern ADDRESS_PATTERN = Pattern.compile("[0-9.*\\-]+|.*:.*");

  /** Hazelcast's own setting for the one address a member binds and announces. */
  static final String LOCAL_ADDRESS = "hazelcast.local.localAddress";

  private HazelcastSetup() {
  }

  public static ClusterManager clusterManager(ClusterConfig cluster) {
    HazelcastClusterManager manager = new HazelcastClusterManager(config(cluster));
    ClusterMembers.track(manager);
    return manager;
  }

  static Config config(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.member().port()).setPortAutoIncrement(true).setPortCount(100);
    String given = cluster.member().host();
    if (ADDRESS_PATTERN.matcher(given).matches()) {
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(given));
    } else {
      // A host name (in compose the node's own: CLUSTER_INTERFACE: node1): bind what it resolves to, whatever subnet
      // the engine chose. Not as an interface, as Hazelcast would then also drop every member outside that address.
      network.getInterfaces().setEnabled(false);
      config.setProperty(LOCAL_ADDRESS, resolve(given));
    }
    config.addListenerConfig(new ListenerConfig((LifecycleListener) ClusterMembers::lifecycle));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.memberList());
    return config;
  }

  private static String resolve(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      // Thrown while the launcher builds Vert.x, which ends the process without a word: say why first.
      String refused = "cluster.interface: host name " + host + " does not resolve";
      LOG.error(refused);
      throw new IllegalArgumentException(refused, e);
    }
  }
}

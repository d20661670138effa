package org.epollservers.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.epollservers.config.ClusterConfig;

import java.util.List;

/** Builds the Hazelcast cluster manager from {@code cluster.xml} and the node's {@code cluster} settings. */
public final class HazelcastSetup {

  private HazelcastSetup() {
  }

  public static ClusterManager clusterManager(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.networkInterface()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.memberList());
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    ClusterMembers.track(manager);
    return manager;
  }
}

package org.epollservers.cluster;

import io.vertx.core.spi.cluster.ClusterManager;

/** How many members the cluster this process joined has right now, for a command that waits to hear from each. */
public final class ClusterMembers {

  private static volatile ClusterManager manager;

  private ClusterMembers() {
  }

  static void track(ClusterManager clusterManager) {
    manager = clusterManager;
  }

  /** The members, this process included; 0 when not clustered. */
  public static int count() {
    ClusterManager current = manager;
    return current == null || current.getNodes() == null ? 0 : current.getNodes().size();
  }
}

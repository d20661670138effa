package org.epollservers.cluster;

import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Context;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This process's view of its cluster: how many members it has, and the moment it rejoins after being cut off (stopped
 * or partitioned past the heartbeat timeout). Hazelcast then merges the process back, but the event-bus
 * subscriptions it held are not reliably restored, so whatever listens must register again.
 */
public final class ClusterMembers {

  private static volatile ClusterManager manager;
  private static final List<Rejoin> REJOINS = new CopyOnWriteArrayList<>();

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

  /** Runs {@code action} on {@code context} each time this process is merged back into its cluster. */
  public static void onRejoin(Context context, Runnable action) {
    REJOINS.add(new Rejoin(context, action));
  }

  /** Hazelcast's lifecycle events, on one of its threads: a merge means a rejoin. */
  static void lifecycle(LifecycleEvent event) {
    if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
      REJOINS.forEach(rejoin -> rejoin.context().runOnContext(now -> rejoin.action().run()));
    }
  }

  private record Rejoin(Context context, Runnable action) {
  }
}

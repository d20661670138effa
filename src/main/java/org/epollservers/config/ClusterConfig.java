package org.epollservers.config;

import java.util.Arrays;
import java.util.List;

/**
 * How a clustered node finds the others: Hazelcast over TCP/IP, with its own member port.
 *
 * @param members hosts, or {@code host:port}, to join
 * @param networkInterface the address Hazelcast binds and announces
 * @param port Hazelcast's member port
 */
public record ClusterConfig(String members, String networkInterface, int port) {

  /** The members, one entry each. */
  public List<String> memberList() {
    return Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
  }
}

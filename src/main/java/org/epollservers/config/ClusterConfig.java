package org.epollservers.config;

import java.util.Arrays;
import java.util.List;

/**
 * How a clustered node finds the others (Hazelcast over TCP/IP, with its own member port) and how the event bus
 * between them is protected.
 *
 * @param members hosts, or {@code host:port}, to join
 * @param networkInterface the address Hazelcast binds and announces, or a host name resolved to it
 * @param port Hazelcast's member port
 * @param name the Hazelcast cluster name
 * @param tls mutual TLS on the event bus, or {@code null} for none
 */
public record ClusterConfig(String members, String networkInterface, int port, String name, Tls tls) {

  /**
   * The PEM files of the event bus's mutual TLS.
   *
   * @param certFile this node's certificate
   * @param keyFile its private key
   * @param caFile the CA certificates a peer's certificate must chain to
   */
  public record Tls(String certFile, String keyFile, String caFile) {
  }

  /** The members, one entry each. */
  public List<String> memberList() {
    return Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
  }

  static ClusterConfig from(SettingReader read, String source) {
    String cert = read.string(Setting.CLUSTER_TLS_CERT_FILE);
    String key = read.string(Setting.CLUSTER_TLS_KEY_FILE);
    String ca = read.string(Setting.CLUSTER_TLS_CA_FILE);
    int given = (cert == null ? 0 : 1) + (key == null ? 0 : 1) + (ca == null ? 0 : 1);
    if (given != 0 && given != 3) {
      throw new ConfigException(source, "cluster.tls", "certFile, keyFile and caFile go together: set all three, or none");
    }
    return new ClusterConfig(read.string(Setting.CLUSTER_MEMBERS), read.string(Setting.CLUSTER_INTERFACE),
      read.integer(Setting.CLUSTER_PORT), read.string(Setting.CLUSTER_NAME), given == 3 ? new Tls(cert, key, ca) : null);
  }
}

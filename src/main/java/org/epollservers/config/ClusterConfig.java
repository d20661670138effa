package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * How a clustered node finds the others (Hazelcast over TCP/IP, with its own member port) and how the event bus
 * between them is protected.
 *
 * @param name the Hazelcast cluster name
 * @param members hosts, or {@code host:port}, to join, comma-separated
 * @param member the interface Hazelcast binds and announces (an address, pattern or host name) and its member port
 * @param tls mutual TLS on the event bus, or {@code null} for none
 */
public record ClusterConfig(String name, String members, Endpoint member, Tls tls) {

  /** The PEM files of the event bus's mutual TLS: this node's certificate, its key, and the peers' CA. */
  public record Tls(String certFile, String keyFile, String caFile) {
  }

  /** The members, one entry each. */
  public List<String> memberList() {
    return Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
  }

  static ClusterConfig from(JsonObject cluster, String source) {
    JsonObject files = cluster.getJsonObject("tls");
    Tls tls = new Tls(files.getString("certFile"), files.getString("keyFile"), files.getString("caFile"));
    long given = files.stream().filter(file -> file.getValue() != null).count();
    if (given != 0 && given != 3) {
      throw new ConfigException(source, "cluster.tls", "certFile, keyFile and caFile go together: set all three, or none");
    }
    Endpoint member = new Endpoint(cluster.getString("interface"), cluster.getInteger("port"), false);
    return new ClusterConfig(cluster.getString("name"), cluster.getString("members"), member, given == 3 ? tls : null);
  }
}

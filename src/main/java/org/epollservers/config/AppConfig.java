package org.epollservers.config;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The whole, validated configuration: both servers, the admin endpoint and the node's place in a cluster. */
public record AppConfig(TransportChoice transport, int instances, TcpConfig tcp, UdpConfig udp, AdminConfig admin,
                        ClusterConfig cluster) {

  /** {@link #fromJson} for a verticle's start: a refusal fails the future instead of throwing. */
  public static Future<AppConfig> parse(JsonObject json, String source) {
    try {
      return Future.succeededFuture(fromJson(json, source));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Reads a configuration tree: missing keys take their defaults, objects merge over the default objects.
   *
   * @param source names the origin in a refusal
   * @throws ConfigException for an unknown key, a bad value or conflicting keys
   */
  public static AppConfig fromJson(JsonObject json, String source) {
    ConfigValidator.check(json, source);
    JsonObject full = Setting.defaults().mergeIn(json, true);
    return new AppConfig(TransportChoice.fromConfigName(full.getString("transport")), full.getInteger("instances"),
      TcpConfig.from(full.getJsonObject("tcp"), source), UdpConfig.from(full.getJsonObject("udp"), source),
      AdminConfig.from(full.getJsonObject("admin")), ClusterConfig.from(full.getJsonObject("cluster"), source));
  }
}

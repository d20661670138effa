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
    SettingReader read = new SettingReader(full);
    return new AppConfig(
      TransportChoice.fromConfigName(read.string(Setting.TRANSPORT)),
      read.integer(Setting.INSTANCES),
      new TcpConfig(
        read.string(Setting.TCP_HOST),
        read.integer(Setting.TCP_PORT),
        read.string(Setting.TCP_ACCEPTOR).equals("event-loop"),
        read.bool(Setting.TCP_REUSE_PORT),
        read.integer(Setting.TCP_MAX_HEADER_BYTES),
        read.duration(Setting.TCP_HEADER_TIMEOUT),
        read.duration(Setting.TCP_DEFER_ACCEPT),
        read.integer(Setting.TCP_MAX_CONNECTIONS),
        read.integer(Setting.TCP_MAX_CONNECTIONS_PER_CLIENT),
        read.duration(Setting.TCP_LINGER_TIMEOUT),
        read.duration(Setting.TCP_SHUTDOWN_GRACE),
        ResponseConfig.from(read, source)),
      UdpConfig.from(read),
      new AdminConfig(
        read.bool(Setting.ADMIN_ENABLED),
        read.string(Setting.ADMIN_HOST),
        read.integer(Setting.ADMIN_PORT),
        read.integer(Setting.ADMIN_MAX_CONNECTIONS),
        read.duration(Setting.ADMIN_REQUEST_TIMEOUT)),
      ClusterConfig.from(read, source));
  }
}

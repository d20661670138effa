package org.epollservers.cluster;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.epollservers.config.ClusterConfig;
import org.epollservers.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual TLS between the nodes' event buses, from PEM files: each node shows its certificate and accepts only peers
 * whose certificate chains to the cluster's CA, so a process without one can neither read nor inject messages.
 */
public final class EventBusTls {

  private EventBusTls() {
  }

  /** Refuses, before anything starts, TLS files that cannot be read, naming the key and the file. */
  public static void requireReadable(ClusterConfig.Tls tls, String source) {
    if (tls == null) {
      return;
    }
    check(source, "cluster.tls.certFile", tls.certFile());
    check(source, "cluster.tls.keyFile", tls.keyFile());
    check(source, "cluster.tls.caFile", tls.caFile());
  }

  private static void check(String source, String key, String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(source, key, "cannot read " + file + " (missing, not a file, or not readable)");
    }
  }

  /** Turns on mutual TLS in {@code options} when {@code tls} is given. */
  public static void apply(ClusterConfig.Tls tls, EventBusOptions options) {
    if (tls == null) {
      return;
    }
    options.setSsl(true)
      .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()))
      .setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile()))
      .setClientAuth(ClientAuth.REQUIRED);
  }
}

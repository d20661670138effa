package org.epollservers.cluster;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.epollservers.config.ClusterConfig;
import org.epollservers.config.PemFiles;

/**
 * Mutual TLS between the nodes' event buses, from PEM files: each node shows its certificate and accepts only peers
 * whose certificate chains to the cluster's CA, so a process without one can neither read nor inject messages.
 */
public final class EventBusTls {

  private EventBusTls() {
  }

  /** Refuses, before anything starts, TLS files that cannot be read or hold no PEM, naming the key and the file. */
  public static void requireReadable(ClusterConfig.Tls tls, String source) {
    if (tls == null) {
      return;
    }
    PemFiles.requireCertificates(source, "cluster.tls.certFile", tls.certFile());
    PemFiles.requirePrivateKey(source, "cluster.tls.keyFile", tls.keyFile());
    PemFiles.requireCertificates(source, "cluster.tls.caFile", tls.caFile());
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

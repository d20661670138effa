package org.epollservers.tcp;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.epollservers.config.PemFiles;
import org.epollservers.config.TcpConfig;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** TLS on the TCP port from PEM files (tcp.tls.*), with client certificates required when a client CA is given. */
public final class TcpTls {

  /** Older protocols have known weaknesses and no client this server is meant for still needs them. */
  private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private TcpTls() {
  }

  /** Refuses, before anything starts, TLS files that cannot be read or hold no PEM, naming the key and the file. */
  public static void requireReadable(TcpConfig.Tls tls, String source) {
    if (tls == null) {
      return;
    }
    PemFiles.requireCertificates(source, "tcp.tls.certFile", tls.certFile());
    PemFiles.requirePrivateKey(source, "tcp.tls.keyFile", tls.keyFile());
    if (tls.clientCaFile() != null) {
      PemFiles.requireCertificates(source, "tcp.tls.clientCaFile", tls.clientCaFile());
    }
  }

  /** The TLS implementation in use: BoringSSL when its native library loads, else the JDK's. */
  static String engine() {
    return OpenSSLEngineOptions.isAvailable() ? "BoringSSL" : "the JDK";
  }

  /** Turns on TLS in {@code options} when {@code tls} is given; a handshake must end within {@code handshakeTimeout}. */
  static void apply(TcpConfig.Tls tls, Duration handshakeTimeout, NetServerOptions options) {
    if (tls == null) {
      return;
    }
    options.setSsl(true)
      // BoringSSL where its native library loads (Linux on x86_64 and aarch64), the JDK's engine elsewhere: the same
      // protocols and certificates, about five times the handshakes per CPU second.
      .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : null)
      .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()))
      .setEnabledSecureTransportProtocols(PROTOCOLS)
      .setSslHandshakeTimeout(handshakeTimeout.toMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    if (tls.clientCaFile() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaFile())).setClientAuth(ClientAuth.REQUIRED);
    }
  }
}

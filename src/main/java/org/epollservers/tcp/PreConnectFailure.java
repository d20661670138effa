package org.epollservers.tcp;

import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.vertx.core.net.NetServerOptions;

import javax.net.ssl.SSLException;

/** Tells apart, for the counters, why NetServer dropped a connection before handing it over: PROXY header or TLS. */
final class PreConnectFailure {

  private PreConnectFailure() {
  }

  static void count(Throwable failure, NetServerOptions options, TcpTraffic traffic) {
    if (has(failure, HAProxyProtocolException.class)) {
      traffic.proxyHeaderRefused();
    } else if (has(failure, SSLException.class)) {
      traffic.tlsHandshakeFailed();
    } else if (options.isUseProxyProtocol() && !options.isSsl()) {
      // Without TLS only the PROXY stage comes before connectHandler: an unsupported header (a UDP one) fails there.
      traffic.proxyHeaderRefused();
    }
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (kind.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}

package org.epollservers.tcp;

import org.epollservers.config.ConfigException;
import org.epollservers.config.TcpConfig;
import org.epollservers.internals.UringLoops;

/** Refuses, before anything binds, a {@code tcp.acceptor} this machine cannot run. */
public final class AcceptorCheck {

  private AcceptorCheck() {
  }

  /**
   * Only where io_uring would serve: with TLS or the PROXY protocol NetServer serves whatever {@code tcp.acceptor} says.
   *
   * @param source the configuration's sources, for the refusal
   */
  public static void requireAvailable(TcpConfig tcp, String source) {
    if (tcp.servesOnRing() && !UringLoops.available()) {
      throw new ConfigException(source, "tcp.acceptor", unavailable().getMessage());
    }
  }

  static IllegalStateException unavailable() {
    Throwable cause = UringLoops.unavailabilityCause();
    return new IllegalStateException("io_uring was asked for but is not available here ("
      + (cause == null ? "unknown reason" : cause.getMessage())
      + "); a container engine's default seccomp profile refuses it: use event-loop, or allow io_uring");
  }
}

package org.epollservers.transport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.epollservers.config.ConfigException;
import org.epollservers.config.TransportChoice;

import java.util.Locale;

/** Turns the {@code transport} setting into a Vert.x builder, and says which transport Vert.x really runs on. */
public final class TransportSelector {

  private final TransportChoice choice;

  public TransportSelector(TransportChoice choice) {
    this.choice = choice;
  }

  /** Refuses, before anything starts, a forced native transport this machine cannot load. */
  public void requireAvailable() {
    Transport forced = forced();
    if (forced != null && forced != Transport.NIO && !forced.available()) {
      Throwable cause = forced.unavailabilityCause();
      throw new ConfigException("transport", "", choice.configName() + " was asked for but is not available here"
        + (cause == null ? "" : ": " + cause));
    }
  }

  public VertxBuilder builder(VertxOptions options) {
    Transport forced = forced();
    if (forced == null) {
      options.setPreferNativeTransport(true);
      return Vertx.builder().with(options);
    }
    return Vertx.builder().with(options).withTransport(forced);
  }

  /** One line for the operator: the transport in use and, after a fallback to nio, why. */
  public String describe(Vertx vertx) {
    if (!vertx.isNativeTransportEnabled()) {
      if (choice == TransportChoice.NIO) {
        return "nio (forced by configuration)";
      }
      Throwable cause = vertx.unavailableNativeTransportCause();
      return "nio (native transport unavailable: "
        + (cause == null ? "no native transport library for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") : cause)
        + ")";
    }
    Transport used = forced() != null ? forced() : Transport.nativeTransport();
    return used.name().toLowerCase(Locale.ROOT);
  }

  /** The short name of the transport in use: {@code epoll} or {@code nio}. */
  public String name(Vertx vertx) {
    return describe(vertx).split(" ")[0];
  }

  private Transport forced() {
    return switch (choice) {
      case AUTO -> null;
      case EPOLL -> orUnavailable(Transport.EPOLL);
      case NIO -> Transport.NIO;
    };
  }

  private Transport orUnavailable(Transport transport) {
    if (transport == null) {
      throw new ConfigException("transport", "", choice.configName() + " was asked for but its library is not on the class path");
    }
    return transport;
  }
}

package org.epollservers.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a port this process shares among its own instances (SO_REUSEPORT) from being shared with another process
 * that was not asked to: the kernel lets any socket of the same user with SO_REUSEPORT join, so before the first
 * instance binds, the port is bound once without it, which fails if any other socket holds it.
 */
public final class PortGuard implements Shareable {

  private static final String MAP = "epoll-servers.port-guard";

  /** One check per protocol, address and port, whichever instance asks first; the others wait for its outcome. */
  private final ConcurrentHashMap<String, Future<Void>> checks = new ConcurrentHashMap<>();

  /** Which kind of socket a port is for. */
  public enum Protocol { TCP, UDP }

  /**
   * Completes once {@code host:port} was found free of every other socket, checked once per process; fails with
   * "Address already in use" otherwise. Port 0 needs no check: nobody else can know the port the kernel will pick.
   */
  public static Future<Void> claim(Vertx vertx, Protocol protocol, String host, int port) {
    if (port == 0) {
      return Future.succeededFuture();
    }
    PortGuard guard = vertx.sharedData().<String, PortGuard>getLocalMap(MAP).computeIfAbsent("guard", key -> new PortGuard());
    return guard.checks.computeIfAbsent(protocol + " " + host + ":" + port,
      key -> vertx.executeBlocking(() -> bindAlone(protocol, new InetSocketAddress(host, port))));
  }

  private static Void bindAlone(Protocol protocol, InetSocketAddress address) throws IOException {
    if (protocol == Protocol.TCP) {
      try (ServerSocket probe = new ServerSocket()) {
        // SO_REUSEADDR only lets a TCP bind pass connections lingering in TIME_WAIT, never another listener.
        probe.setReuseAddress(true);
        probe.bind(address);
      }
    } else {
      try (DatagramChannel probe = DatagramChannel.open()) {
        probe.bind(address);
      }
    }
    return null;
  }
}

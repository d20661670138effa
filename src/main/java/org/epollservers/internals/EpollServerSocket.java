package org.epollservers.internals;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.NativeInetAddress;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A listening TCP socket in an epoll loop's set, without a Netty channel: it calls back when connections wait to be
 * accepted (level-triggered) and accepts them one at a time, keeping the client's address as a key. Loop thread only.
 */
public final class EpollServerSocket implements EpollIoHandle {

  private final LinuxSocket socket;
  private final Consumer<EpollServerSocket> acceptable;
  private final byte[] acceptedAddress = new byte[AcceptedAddress.BYTES];
  private IoRegistration registration;

  private EpollServerSocket(LinuxSocket socket, Consumer<EpollServerSocket> acceptable) {
    this.socket = socket;
    this.acceptable = acceptable;
  }

  /**
   * Binds and listens on {@code loop}, then watches for connections; completes with the socket once it is in the loop's
   * epoll set, or fails with the socket closed.
   *
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   * @param acceptable given the socket on the loop whenever connections wait to be accepted, from the first one on
   */
  public static Future<EpollServerSocket> listen(EventLoop loop, InetSocketAddress address, boolean reusePort,
                                                 int backlog, Duration deferAccept, Consumer<EpollServerSocket> acceptable) {
    Promise<EpollServerSocket> listening = Promise.promise();
    loop.execute(() -> {
      EpollServerSocket bound;
      try {
        bound = new EpollServerSocket(Listeners.open(address, reusePort, backlog, deferAccept), acceptable);
      } catch (IOException | RuntimeException e) {
        listening.fail(e);
        return;
      }
      io.netty.util.concurrent.Future<IoRegistration> joining = ((IoEventLoop) loop).register(bound);
      joining.addListener(done -> {
        if (joining.isSuccess()) {
          bound.registration = joining.getNow();
          bound.registration.submit(EpollIoOps.EPOLLIN);
          listening.complete(bound);
        } else {
          bound.close();
          listening.fail(joining.cause());
        }
      });
    });
    return listening.future();
  }

  /** The port really bound. */
  public int port() {
    return socket.localAddress().getPort();
  }

  public boolean isOpen() {
    return socket.isOpen();
  }

  /** Accepts one connection (accept4, non-blocking); returns its descriptor, or a negative number if none waits. */
  public int accept() throws IOException {
    return socket.accept(acceptedAddress);
  }

  /** A key equal for every connection from the last accepted one's address, whatever its port, built without a lookup. */
  public Object clientKey() {
    return AcceptedAddress.clientKey(acceptedAddress);
  }

  /** The last accepted connection's client address and port, decoded from what accept4 filled in. */
  public InetSocketAddress remoteAddress() {
    return NativeInetAddress.address(acceptedAddress, 1, acceptedAddress[0]);
  }

  /** Stops watching for connections, which wait in the backlog meanwhile. */
  public void pauseAccepting() {
    registration.submit(EpollIoOps.EPOLLERR);
  }

  /** Watches for connections again, unless closed meanwhile. */
  public void resumeAccepting() {
    if (socket.isOpen() && registration.isValid()) {
      registration.submit(EpollIoOps.EPOLLIN);
    }
  }

  @Override
  public FileDescriptor fd() {
    return socket;
  }

  @Override
  public void handle(IoRegistration ignored, IoEvent event) {
    acceptable.accept(this);
  }

  /** Stops listening: the kernel resets connections still in the backlog. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a descriptor the kernel refuses to close.
    }
    if (registration != null) {
      registration.cancel();
    }
  }
}

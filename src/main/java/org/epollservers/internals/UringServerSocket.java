package org.epollservers.internals;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A listening TCP socket on a loop of Netty's io_uring transport, without a channel: one accept in flight at a time,
 * submitted again as each completes, so that the client's address of each is read before the next overwrites it.
 * Loop thread only.
 */
public final class UringServerSocket implements IoUringIoHandle {

  /** What the socket's owner hears from the loop. */
  public interface Events {

    /** A connection was accepted as {@code fd}, non-blocking; {@link #clientKey()} and {@link #remoteAddress()} are its. */
    void accepted(int fd);

    /** Accepting failed (out of descriptors or memory): no accept is in flight until {@link #resumeAccepting()}. */
    void failed(IOException cause);
  }

  private static final int ECANCELED = 125;

  private final LinuxSocket socket;
  private final Events events;
  private final KernelSockaddr accepted = new KernelSockaddr();
  private IoRegistration registration;
  private boolean inFlight;
  private boolean paused;
  private boolean closing;

  private UringServerSocket(LinuxSocket socket, Events events) {
    this.socket = socket;
    this.events = events;
  }

  /**
   * Binds and listens, then starts accepting on {@code loop}; completes with the socket once the first accept is
   * submitted, or fails with the socket closed.
   *
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   */
  public static Future<UringServerSocket> listen(EventLoop loop, InetSocketAddress address, boolean reusePort,
                                                 int backlog, Duration deferAccept, Events events) {
    Promise<UringServerSocket> listening = Promise.promise();
    loop.execute(() -> {
      UringServerSocket server;
      try {
        server = new UringServerSocket(Listeners.open(address, reusePort, backlog, deferAccept), events);
      } catch (IOException | RuntimeException e) {
        listening.fail(e);
        return;
      }
      io.netty.util.concurrent.Future<IoRegistration> joining = ((IoEventLoop) loop).register(server);
      joining.addListener(done -> {
        if (joining.isSuccess()) {
          server.registration = joining.getNow();
          server.submitAccept();
          listening.complete(server);
        } else {
          closeQuietly(server.socket);
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

  /** A key equal for every connection from the last accepted one's address, whatever its port. */
  public Object clientKey() {
    return accepted.clientKey();
  }

  /** The last accepted connection's client address and port. */
  public InetSocketAddress remoteAddress() {
    return accepted.socketAddress();
  }

  /** Submits no new accept until {@link #resumeAccepting()}; connections wait in the backlog meanwhile. */
  public void pauseAccepting() {
    paused = true;
  }

  public void resumeAccepting() {
    paused = false;
    submitAccept();
  }

  private void submitAccept() {
    if (!inFlight && !paused && !closing) {
      inFlight = true;
      registration.submit(UringOps.accept(socket.intValue(), accepted));
    }
  }

  @Override
  public void handle(IoRegistration ignored, IoEvent ioEvent) {
    IoUringIoEvent event = (IoUringIoEvent) ioEvent;
    if (event.opcode() == UringOps.CLOSE) {
      registration.cancel();
      return;
    }
    if (event.opcode() != UringOps.ACCEPT) {
      return;
    }
    inFlight = false;
    int result = event.res();
    if (result >= 0) {
      if (closing) {
        closeQuietly(new FileDescriptor(result));
        return;
      }
      try {
        events.accepted(result);
      } finally {
        // Whatever became of this connection, the listener goes on accepting.
        submitAccept();
      }
    } else if (!closing && result != -ECANCELED) {
      paused = true;
      events.failed(Errors.newIOException("accept", result));
    }
  }

  /**
   * Stops accepting: the accept in flight is cancelled, then the socket closed, both through the ring, as a close
   * alone would leave the listener open under the accept that holds it.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    if (registration == null || !registration.isValid()) {
      closeQuietly(socket);
      return;
    }
    registration.submit(UringOps.cancelAllThenNext(socket.intValue()));
    registration.submit(UringOps.close(socket.intValue()));
  }

  private static void closeQuietly(FileDescriptor socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a descriptor the kernel refuses to close.
    }
  }
}

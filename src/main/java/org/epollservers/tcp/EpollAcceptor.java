package org.epollservers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServerOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * A listener on the verticle's own event loop that serves its connections straight from the loop's epoll set
 * (Netty's I/O handler API, no channel or pipeline per connection): with deferred accept, accept4, read, write and
 * close per exchange whose request came whole; two epoll_ctl more for one that needs more. Epoll only; several
 * instances share a port with SO_REUSEPORT.
 */
final class EpollAcceptor implements EpollIoHandle {

  private static final int READ_BUFFER_BYTES = 4096;
  /**
   * One, as nginx without multi_accept: under load a second accept4 per wake-up mostly answers EAGAIN (measured
   * 3-5% more CPU per connection with 64), and the level-triggered listener wakes the loop again for any backlog.
   */
  private static final int ACCEPTS_PER_WAKE_UP = 1;
  /** From Linux's netinet/in.h and netinet/tcp.h; Netty keeps its own setter for this option package-private. */
  private static final int IPPROTO_TCP = 6;
  private static final int TCP_DEFER_ACCEPT = 9;

  private final EventLoop loop;
  private final AcceptPause pause;
  private final LoopDeadlines deadlines;
  private final Set<EpollConnection> connections = new HashSet<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
  /** The same memory as {@link #readBuffer}, as a buffer to lend to the exchange after each read. */
  private final ByteBuf readBytes = Unpooled.wrappedBuffer(readBuffer);
  private final byte[] acceptedAddress = new byte[AcceptedAddress.BYTES];
  private LinuxSocket socket;
  private IoRegistration registration;
  private ExchangePolicy policy;
  private Replies<ByteBuffer> replies;
  private boolean readOnAccept;

  EpollAcceptor(Context context) {
    this.loop = ((ContextInternal) context).nettyEventLoop();
    this.pause = new AcceptPause(loop);
    this.deadlines = new LoopDeadlines(loop);
  }

  /** Whether the context's event loop runs on epoll, which this acceptor needs. */
  static boolean fits(Context context) {
    return ((ContextInternal) context).nettyEventLoop() instanceof IoEventLoop loop && loop.isCompatible(EpollIoHandle.class);
  }

  /**
   * Binds {@code options}' host and port; completes with the port really bound.
   *
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   */
  Future<Integer> listen(NetServerOptions options, ExchangePolicy policy, Duration deferAccept) {
    this.policy = policy;
    // A deferred connection arrives with its first bytes, so reading at once almost always finds the request.
    this.readOnAccept = !deferAccept.isZero();
    this.replies = policy.replies().map(EpollAcceptor::direct);
    Promise<Integer> bound = Promise.promise();
    loop.execute(() -> {
      try {
        socket = LinuxSocket.newSocketStream();
        socket.setReuseAddress(true);
        if (options.isReusePort()) {
          socket.setReusePort(true);
        }
        if (readOnAccept) {
          socket.setIntOpt(IPPROTO_TCP, TCP_DEFER_ACCEPT, (int) Math.ceil(deferAccept.toMillis() / 1000.0));
        }
        socket.bind(new InetSocketAddress(options.getHost(), options.getPort()));
        socket.listen(options.getAcceptBacklog());
        registration = ((IoEventLoop) loop).register(this).getNow();
        registration.submit(EpollIoOps.EPOLLIN);
        bound.complete(socket.localAddress().getPort());
      } catch (IOException | RuntimeException e) {
        closeListener();
        bound.fail(e);
      }
    });
    return bound.future();
  }

  @Override
  public FileDescriptor fd() {
    return socket;
  }

  /** Level-triggered: what is left in the backlog after this wake-up's accepts wakes the loop again. */
  @Override
  public void handle(IoRegistration ignored, IoEvent event) {
    for (int i = 0; i < ACCEPTS_PER_WAKE_UP && socket.isOpen(); i++) {
      int fd;
      try {
        fd = socket.accept(acceptedAddress);
      } catch (IOException | RuntimeException e) {
        acceptFailed(e);
        return;
      }
      if (fd < 0) {
        return;
      }
      EpollConnection connection = new EpollConnection(fd, this);
      connections.add(connection);
      connection.start(policy, AcceptedAddress.clientKey(acceptedAddress), readOnAccept);
    }
  }

  /** Adds a connection to the loop's epoll set; {@code null} if the loop refuses it. */
  IoRegistration join(EpollConnection connection) {
    try {
      return ((IoEventLoop) loop).register(connection).getNow();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void acceptFailed(Exception e) {
    pause.failed(e, () -> registration.submit(EpollIoOps.EPOLLERR), () -> {
      if (socket.isOpen() && registration.isValid()) {
        registration.submit(EpollIoOps.EPOLLIN);
      }
    });
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  /** The first {@code length} bytes of the read buffer, lent: valid until the loop's next read. */
  Buffer lendRead(int length) {
    return BufferInternal.buffer(readBytes.setIndex(0, length));
  }

  /** The bytes of a reply, from 0 to the limit; readers write from their own offsets and never move its position. */
  ByteBuffer bytes(Reply reply) {
    return replies.bytes(reply);
  }

  LoopDeadlines deadlines() {
    return deadlines;
  }

  void closed(EpollConnection connection) {
    connections.remove(connection);
  }

  /** Stops accepting, lets open connections finish within {@code grace}, then closes what is left. */
  Future<Void> shutdown(Duration grace) {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      closeListener();
      ConnectionDrain.drain(loop, connections, EpollConnection::close, grace).onComplete(done);
    });
    return done.future();
  }

  private void closeListener() {
    if (socket != null) {
      closeQuietly(socket);
    }
    if (registration != null) {
      registration.cancel();
    }
  }

  @Override
  public void close() {
    closeListener();
  }

  private static void closeQuietly(FileDescriptor fd) {
    try {
      fd.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a descriptor the kernel refuses to close.
    }
  }

  /** A reply's bytes in native memory, written from (never to) by every connection of the loop; freed with the loop. */
  private static ByteBuffer direct(Buffer bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length());
    buffer.put(bytes.getBytes()).flip();
    return buffer;
  }
}

package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import org.epollservers.config.Durations;
import org.epollservers.internals.EpollServerSocket;
import org.epollservers.internals.EventLoops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * A listener on the verticle's own event loop that serves its connections straight from the loop's epoll set (no
 * channel or pipeline per connection): with deferred accept, accept4, read, write and close per exchange whose
 * request came whole; two epoll_ctl more for one that needs more. Epoll only; several instances share a port with
 * SO_REUSEPORT. It owns what the loop's connections share: the read buffer, the replies, the deadlines, the open set.
 */
final class EpollAcceptor implements TcpListener {

  /**
   * One, as nginx without multi_accept: under load a second accept4 per wake-up mostly answers EAGAIN (measured
   * 3-5% more CPU per connection with 64), and the level-triggered listener wakes the loop again for any backlog.
   */
  private static final int ACCEPTS_PER_WAKE_UP = 1;

  private final EventLoop loop;
  private final Duration deferAccept;
  private final AcceptPause pause;
  private final LoopDeadlines deadlines;
  private final LoopReadBuffer readBuffer = new LoopReadBuffer();
  private final Set<EpollConnection> connections = new HashSet<>();
  private EpollServerSocket socket;
  private ExchangePolicy policy;
  private Replies<ByteBuffer> replies;
  private boolean readOnAccept;

  /** @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all */
  EpollAcceptor(Context context, Duration deferAccept) {
    this.loop = EventLoops.of(context);
    this.deferAccept = deferAccept;
    this.pause = new AcceptPause(loop);
    this.deadlines = new LoopDeadlines(loop);
  }

  /** Whether the context's event loop runs on epoll, which this acceptor needs. */
  static boolean fits(Context context) {
    return EventLoops.runsEpoll(EventLoops.of(context));
  }

  @Override
  public Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    this.policy = policy;
    // A deferred connection arrives with its first bytes, so reading at once almost always finds the request.
    this.readOnAccept = !deferAccept.isZero();
    this.replies = policy.replies().map(EpollAcceptor::direct);
    return EpollServerSocket.listen(loop, new InetSocketAddress(options.getHost(), options.getPort()),
        options.isReusePort(), options.getAcceptBacklog(), deferAccept, this::accept)
      .map(listening -> {
        socket = listening;
        return listening.port();
      });
  }

  @Override
  public String description() {
    return deferAccept.isZero() ? "its event loop, straight from epoll"
      : "its event loop, straight from epoll, deferred until the first bytes or " + Durations.format(deferAccept);
  }

  /** Level-triggered: what is left in the backlog after this wake-up's accepts wakes the loop again. */
  private void accept(EpollServerSocket socket) {
    for (int i = 0; i < ACCEPTS_PER_WAKE_UP && socket.isOpen(); i++) {
      int fd;
      try {
        fd = socket.accept();
      } catch (IOException | RuntimeException e) {
        pause.failed(e, socket::pauseAccepting, socket::resumeAccepting);
        return;
      }
      if (fd < 0) {
        return;
      }
      // The client's address is decoded only for the access log: the default path keeps just the key.
      EpollConnection connection = new EpollConnection(fd, loop, this,
        policy.accessLog() != null ? SocketAddress.inetSocketAddress(socket.remoteAddress()) : null);
      connections.add(connection);
      connection.start(policy, socket.clientKey(), readOnAccept);
    }
  }

  LoopReadBuffer readBuffer() {
    return readBuffer;
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

  @Override
  public Future<Void> shutdown(Duration grace) {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      socket.close();
      // Kept connections waiting idle close now; one mid-request will be answered with Connection: close.
      new ArrayList<>(connections).forEach(EpollConnection::serverStopping);
      ConnectionDrain.drain(loop, connections, EpollConnection::close, grace).onComplete(done);
    });
    return done.future();
  }

  /** A reply's bytes in native memory, written from (never to) by every connection of the loop; freed with the loop. */
  private static ByteBuffer direct(Buffer bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length());
    buffer.put(bytes.getBytes()).flip();
    return buffer;
  }
}

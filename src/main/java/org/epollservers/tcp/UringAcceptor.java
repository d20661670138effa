package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import org.epollservers.config.Durations;
import org.epollservers.internals.UringLoops;
import org.epollservers.internals.UringServerSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A listener on a loop of its own on io_uring that serves its connections with raw ring operations (no channel or
 * pipeline per connection): with deferred accept, an exchange whose request came whole makes one read system call,
 * its accept, send and close riding the ring's shared submissions. Several instances share a port with SO_REUSEPORT.
 * It owns what the loop's connections share: the loop, the read buffer, the replies, the deadlines, the open set.
 */
final class UringAcceptor implements TcpListener, UringServerSocket.Events {

  private final Context context;
  private final Duration deferAccept;
  private final LoopReadBuffer readBuffer = new LoopReadBuffer();
  private final Set<UringConnection> connections = new HashSet<>();
  private EventLoopGroup group;
  private EventLoop loop;
  private AcceptPause pause;
  private LoopDeadlines deadlines;
  private UringServerSocket socket;
  private ExchangePolicy policy;
  private Replies<ByteBuffer> replies;
  private boolean readOnAccept;

  /**
   * @param context the verticle's, where the listen and shutdown futures complete
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   */
  UringAcceptor(Context context, Duration deferAccept) {
    this.context = context;
    this.deferAccept = deferAccept;
  }

  /** Whether this process may use io_uring at all (a kernel without it, or a seccomp profile, says no). */
  static boolean available() {
    return UringLoops.available();
  }

  /** Starts the loop (one thread, named for the listener), then binds on it; a failed bind stops the loop again. */
  @Override
  public Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    this.group = UringLoops.start(new DefaultThreadFactory("tcp-io_uring"));
    this.loop = group.next();
    this.pause = new AcceptPause(loop);
    this.deadlines = new LoopDeadlines(loop);
    this.policy = policy;
    // A deferred connection arrives with its first bytes, so reading at once almost always finds the request.
    this.readOnAccept = !deferAccept.isZero();
    this.replies = policy.replies().map(UringAcceptor::direct);
    Future<UringServerSocket> listening = UringServerSocket.listen(loop,
      new InetSocketAddress(options.getHost(), options.getPort()), options.isReusePort(), options.getAcceptBacklog(),
      deferAccept, this);
    return onContext(listening
      .map(bound -> {
        socket = bound;
        return bound.port();
      })
      .onFailure(cause -> group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS)));
  }

  @Override
  public String description() {
    return deferAccept.isZero() ? "a loop of its own on io_uring"
      : "a loop of its own on io_uring, deferred until the first bytes or " + Durations.format(deferAccept);
  }

  @Override
  public void accepted(int fd) {
    // The client's address is decoded only for the access log: the default path keeps just the key.
    UringConnection connection = new UringConnection(fd, loop, this,
      policy.accessLog() != null ? SocketAddress.inetSocketAddress(socket.remoteAddress()) : null);
    connections.add(connection);
    connection.start(policy, socket.clientKey(), readOnAccept);
  }

  @Override
  public void failed(IOException cause) {
    pause.failed(cause, socket::pauseAccepting, socket::resumeAccepting);
  }

  LoopReadBuffer readBuffer() {
    return readBuffer;
  }

  /** The bytes of a reply, from 0 to the limit; senders send from their own offsets and never move its position. */
  ByteBuffer bytes(Reply reply) {
    return replies.bytes(reply);
  }

  LoopDeadlines deadlines() {
    return deadlines;
  }

  void closed(UringConnection connection) {
    connections.remove(connection);
  }

  /** Stops accepting, drains, then stops the loop once the ring has had a moment to close what was closed last. */
  @Override
  public Future<Void> shutdown(Duration grace) {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      socket.close();
      // Kept connections waiting idle close now; one mid-request will be answered with Connection: close.
      new ArrayList<>(connections).forEach(UringConnection::serverStopping);
      ConnectionDrain.drain(loop, connections, UringConnection::close, grace)
        .onComplete(drained -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(stopped -> done.complete()));
    });
    return onContext(done.future());
  }

  /** The same outcome, completed on the verticle's context rather than on the ring's thread. */
  private <T> Future<T> onContext(Future<T> future) {
    Promise<T> onContext = Promise.promise();
    future.onComplete(result -> context.runOnContext(ignored -> onContext.handle(result)));
    return onContext.future();
  }

  /** A reply's bytes in native memory, sent from (never to) by every connection of the loop; freed with the loop. */
  private static ByteBuffer direct(Buffer bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length());
    buffer.put(bytes.getBytes()).flip();
    return buffer;
  }
}

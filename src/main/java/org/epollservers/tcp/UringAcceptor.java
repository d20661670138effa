package org.epollservers.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServerOptions;
import org.epollservers.internals.UringLoops;
import org.epollservers.internals.UringServerSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A listener on a loop of its own on io_uring that serves its connections with raw ring operations (no channel or
 * pipeline per connection): with deferred accept, an exchange whose request came whole makes one read system call,
 * its accept, send and close riding the ring's shared submissions. Several instances share a port with SO_REUSEPORT.
 */
final class UringAcceptor extends LoopListener<UringConnection> implements UringServerSocket.Events {

  private final Context context;
  /** Buffers for first receives through the ring; one is out only while its receive is in flight, which is brief. */
  private final ArrayDeque<LoopReadBuffer> receiveBuffers = new ArrayDeque<>();
  private EventLoopGroup group;
  private UringServerSocket socket;

  /**
   * @param context the verticle's, where the listen and shutdown futures complete
   * @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all
   */
  UringAcceptor(Context context, Duration deferAccept) {
    super(deferAccept);
    this.context = context;
  }

  /** Starts the loop (one thread, named for the listener), then binds on it; a failed bind stops the loop again. */
  @Override
  public Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    group = UringLoops.start(new DefaultThreadFactory("tcp-io_uring"));
    prepare(group.next(), policy);
    Future<UringServerSocket> listening = UringServerSocket.listen(loop(),
      new InetSocketAddress(options.getHost(), options.getPort()), options.isReusePort(), options.getAcceptBacklog(),
      deferAccept(), this);
    return onContext(listening
      .map(bound -> {
        socket = bound;
        return bound.port();
      })
      .onFailure(cause -> group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS)));
  }

  @Override
  public String description() {
    return describe("a loop of its own on io_uring");
  }

  @Override
  public void accepted(int fd) {
    serve(new UringConnection(fd, loop(), this, logsAddresses() ? socket.remoteAddress() : null), socket.clientKey());
  }

  @Override
  public void failed(IOException cause) {
    pause().failed(cause, socket::pauseAccepting, socket::resumeAccepting);
  }

  /** A buffer for one receive through the ring, until {@link #giveBack}. */
  LoopReadBuffer takeReceiveBuffer() {
    LoopReadBuffer spare = receiveBuffers.poll();
    return spare != null ? spare : new LoopReadBuffer();
  }

  void giveBack(LoopReadBuffer buffer) {
    receiveBuffers.push(buffer);
  }

  @Override
  void stopAccepting() {
    socket.close();
  }

  /** Drains, then stops the loop, which first submits what the ring still holds (the last closes among it). */
  @Override
  public Future<Void> shutdown(Duration grace) {
    Promise<Void> stopped = Promise.promise();
    drain(grace).onComplete(drained -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS)
      .addListener(done -> stopped.complete()));
    return onContext(stopped.future());
  }

  /** The same outcome, completed on the verticle's context rather than on the ring's thread. */
  private <T> Future<T> onContext(Future<T> future) {
    Promise<T> onContext = Promise.promise();
    future.onComplete(result -> context.runOnContext(ignored -> onContext.handle(result)));
    return onContext.future();
  }
}

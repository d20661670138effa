package org.epollservers.tcp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.net.NetServerOptions;
import org.epollservers.internals.EpollServerSocket;
import org.epollservers.internals.EventLoops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A listener on the verticle's own event loop that serves its connections straight from the loop's epoll set (no
 * channel or pipeline per connection): with deferred accept, accept4, read, write and close per exchange whose
 * request came whole; two epoll_ctl more for one that needs more. Epoll only; several instances share a port with
 * SO_REUSEPORT.
 */
final class EpollAcceptor extends LoopListener<EpollConnection> {

  /**
   * One, as nginx without multi_accept: under load a second accept4 per wake-up mostly answers EAGAIN (measured
   * 3-5% more CPU per connection with 64), and the level-triggered listener wakes the loop again for any backlog.
   */
  private static final int ACCEPTS_PER_WAKE_UP = 1;

  private final Context context;
  private EpollServerSocket socket;

  /** @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all */
  EpollAcceptor(Context context, Duration deferAccept) {
    super(deferAccept);
    this.context = context;
  }

  /** Whether the context's event loop runs on epoll, which this acceptor needs. */
  static boolean fits(Context context) {
    return EventLoops.runsEpoll(EventLoops.of(context));
  }

  @Override
  public Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    prepare(EventLoops.of(context), policy);
    return EpollServerSocket.listen(loop(), new InetSocketAddress(options.getHost(), options.getPort()),
        options.isReusePort(), options.getAcceptBacklog(), deferAccept(), this::accept)
      .map(listening -> {
        socket = listening;
        return listening.port();
      });
  }

  @Override
  public String description() {
    return describe("its event loop, straight from epoll");
  }

  /** Level-triggered: what is left in the backlog after this wake-up's accepts wakes the loop again. */
  private void accept(EpollServerSocket socket) {
    for (int i = 0; i < ACCEPTS_PER_WAKE_UP && socket.isOpen(); i++) {
      int fd;
      try {
        fd = socket.accept();
      } catch (IOException | RuntimeException e) {
        pause().failed(e, socket::pauseAccepting, socket::resumeAccepting);
        return;
      }
      if (fd < 0) {
        return;
      }
      serve(new EpollConnection(fd, loop(), this, logsAddresses() ? socket.remoteAddress() : null), socket.clientKey());
    }
  }

  @Override
  void stopAccepting() {
    socket.close();
  }

  @Override
  public Future<Void> shutdown(Duration grace) {
    return drain(grace);
  }
}

package org.epollservers.internals;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An accepted TCP socket served without a Netty channel: plain read, write, shutdown and close calls, and, once asked
 * to watch, a place in its loop's epoll set (level-triggered) whose events go to one {@link Events}. Loop thread only.
 *
 * <p>It is its own descriptor (extends Netty's) so that a connection costs no more objects than before the fence;
 * callers use the methods declared here, not the inherited ones.
 */
public final class EpollSocket extends FileDescriptor implements EpollIoHandle, ServedSocket {

  private static final Logger LOG = LoggerFactory.getLogger(EpollSocket.class);
  private static final EpollIoOps INPUT = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP);
  private static final EpollIoOps INPUT_AND_OUTPUT = INPUT.with(EpollIoOps.EPOLLOUT);
  /** Errors are always reported: watching for them alone is watching for nothing else. */
  private static final EpollIoOps NEITHER = EpollIoOps.EPOLLERR;

  /** What the socket's owner hears from the loop. */
  public interface Events {

    /**
     * The loop found the socket ready.
     *
     * @param writable there is room to write
     * @param readable there are bytes to read, or the client's FIN
     * @param failed the socket has an error, or could not join the loop's epoll set: close it
     */
    void ready(boolean writable, boolean readable, boolean failed);
  }

  private final EventLoop loop;
  private final Events events;
  private IoRegistration registration;
  private boolean joining;
  private EpollIoOps wanted;

  /** Takes over the descriptor {@code fd} that {@link EpollServerSocket#accept()} returned. */
  public EpollSocket(int fd, EventLoop loop, Events events) {
    super(fd);
    this.loop = loop;
    this.events = events;
  }

  @Override
  public int readInto(ByteBuffer into) throws IOException {
    return read(into, 0, into.capacity());
  }

  /** Writes {@code from}'s bytes {@code start} to {@code end}, never moving its position; returns how many went. */
  public int writeFrom(ByteBuffer from, int start, int end) throws IOException {
    return write(from, start, end);
  }

  /**
   * Watches from now on for input (bytes or FIN), room to write, both or neither (errors only), joining the loop's
   * epoll set the first time.
   */
  public void watch(boolean input, boolean output) {
    wanted = input ? (output ? INPUT_AND_OUTPUT : INPUT) : (output ? EpollIoOps.EPOLLOUT : NEITHER);
    if (registration != null) {
      registration.submit(wanted);
    } else if (!joining) {
      join();
    }
  }

  /** Asked on the loop, the registration is done at once; the listener covers a loop that completes it later. */
  private void join() {
    joining = true;
    Future<IoRegistration> joined;
    try {
      joined = ((IoEventLoop) loop).register(this);
    } catch (RuntimeException refused) {
      joined = loop.newFailedFuture(refused);
    }
    if (joined.isDone()) {
      joined(joined);
    } else {
      Future<IoRegistration> later = joined;
      later.addListener(done -> joined(later));
    }
  }

  private void joined(Future<IoRegistration> joined) {
    joining = false;
    if (!joined.isSuccess()) {
      LOG.debug("tcp connection could not join its loop's epoll set: {}", joined.cause().toString());
      events.ready(false, false, true);
      return;
    }
    registration = joined.getNow();
    if (!isOpen()) {
      registration.cancel();
    } else {
      registration.submit(wanted);
    }
  }

  @Override
  public FileDescriptor fd() {
    return this;
  }

  @Override
  public void handle(IoRegistration ignored, IoEvent event) {
    EpollIoOps ops = ((EpollIoEvent) event).ops();
    events.ready(ops.contains(EpollIoOps.EPOLLOUT), ops.contains(EpollIoOps.EPOLLIN) || ops.contains(EpollIoOps.EPOLLRDHUP),
      ops.contains(EpollIoOps.EPOLLERR));
  }

  /**
   * Closes the descriptor, then leaves the epoll set: closing already removed it there, so the loop skips the
   * epoll_ctl. Also what the loop calls should it shut down with the socket still in its set (it never does: the
   * verticle's stop closes its connections first).
   */
  @Override
  public void close() {
    if (!isOpen()) {
      return;
    }
    try {
      super.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a descriptor the kernel refuses to close.
    }
    if (registration != null) {
      registration.cancel();
    }
  }
}

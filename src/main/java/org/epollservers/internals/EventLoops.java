package org.epollservers.internals;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandle;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

/** The Netty event loop under a Vert.x context, and whether it runs on epoll. */
public final class EventLoops {

  private EventLoops() {
  }

  /** The Netty loop that runs {@code context}'s tasks and I/O. */
  public static EventLoop of(Context context) {
    return ((ContextInternal) context).nettyEventLoop();
  }

  /** Whether {@code loop} polls an epoll set, so that our own epoll handles may join it. */
  public static boolean runsEpoll(EventLoop loop) {
    return loop instanceof IoEventLoop ioLoop && ioLoop.isCompatible(EpollIoHandle.class);
  }
}

package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Waits, on an event loop, for a listener's open connections to finish, and closes those still open at the deadline. */
final class ConnectionDrain {

  private static final long POLL_MILLIS = 50;

  private ConnectionDrain() {
  }

  /**
   * Completes once {@code open} is empty, or after {@code grace} once {@code close} has been applied to what is left.
   * Call on {@code loop}, which alone changes {@code open}.
   */
  static <T> Future<Void> drain(EventLoop loop, Collection<T> open, Consumer<T> close, Duration grace) {
    Promise<Void> done = Promise.promise();
    poll(loop, open, close, System.nanoTime() + grace.toNanos(), done);
    return done.future();
  }

  private static <T> void poll(EventLoop loop, Collection<T> open, Consumer<T> close, long deadline, Promise<Void> done) {
    if (open.isEmpty()) {
      done.tryComplete();
    } else if (System.nanoTime() - deadline >= 0) {
      new ArrayList<>(open).forEach(close);
      done.tryComplete();
    } else {
      loop.schedule(() -> poll(loop, open, close, deadline, done), POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }
}

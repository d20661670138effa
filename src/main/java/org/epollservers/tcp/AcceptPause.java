package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * What a listener does when accepting fails (out of file descriptors or memory): the connection stays in the
 * backlog and the listener would be woken again at once, spinning its loop; so it stops listening for a moment, and
 * says so now and then rather than on every retry. One per listener, used on its loop only.
 */
final class AcceptPause {

  static final long PAUSE_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(AcceptPause.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final EventLoop loop;
  private long lastLog;

  AcceptPause(EventLoop loop) {
    this.loop = loop;
  }

  /** Runs {@code stop} now and {@code resume} after {@link #PAUSE_MILLIS}. */
  void failed(Throwable cause, Runnable stop, Runnable resume) {
    long now = System.nanoTime();
    if (lastLog == 0 || now - lastLog > LOG_EVERY_NANOS) {
      lastLog = now;
      LOG.warn("tcp accept failed: {} (raise ulimit -n or lower tcp.maxConnections); pausing accepts for {} ms",
        cause.getMessage(), PAUSE_MILLIS);
    }
    stop.run();
    loop.schedule(resume, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
  }
}

package org.epollservers.internals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;

import java.util.concurrent.ThreadFactory;

/** Loops of Netty's io_uring transport for listeners that serve on io_uring, and whether this process may have one. */
public final class UringLoops {

  private UringLoops() {
  }

  /** Closing a socket cancels what is in flight on it by descriptor (IORING_ASYNC_CANCEL_FD), new in Linux 5.19. */
  private static final int[] OLDEST_KERNEL = {5, 19};

  /** Whether io_uring can be used here: Netty's library loads, no seccomp profile refuses it, the kernel is new enough. */
  public static boolean available() {
    return unavailabilityCause() == null;
  }

  /** Why not, or {@code null} when {@link #available()}. */
  public static Throwable unavailabilityCause() {
    if (!IoUring.isAvailable()) {
      return IoUring.unavailabilityCause();
    }
    String kernel = System.getProperty("os.version", "");
    return isAtLeast(kernel, OLDEST_KERNEL) ? null
      : new UnsupportedOperationException("Linux " + kernel + " is older than " + OLDEST_KERNEL[0] + "." + OLDEST_KERNEL[1]);
  }

  /** Compares the leading numbers of a version such as {@code 6.18.44-fc}; an unreadable one is too old. */
  static boolean isAtLeast(String version, int[] oldest) {
    String[] parts = version.split("[^0-9]+", 3);
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > oldest[0] || major == oldest[0] && minor >= oldest[1];
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** One loop, on one thread from {@code threads}. */
  public static EventLoopGroup start(ThreadFactory threads) {
    return new MultiThreadIoEventLoopGroup(1, threads, IoUringIoHandler.newFactory());
  }
}

package org.epollservers.udp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one printer of the process's stdout, shared by every UDP instance: separate writers on the same descriptor
 * would cut lines in the middle.
 */
final class StdoutPrinter {

  private static LinePrinter printer;
  private static int users;

  private StdoutPrinter() {
  }

  /** Starts the printer for its first user (with that user's byte bound) and returns it to every user. */
  static synchronized LinePrinter acquire(long maxQueuedBytes) {
    if (users++ == 0) {
      printer = LinePrinter.start(new FileOutputStream(FileDescriptor.out), maxQueuedBytes, "udp-printer");
    }
    return printer;
  }

  /** Closes the printer when its last user leaves; completes once everything queued is written, or {@code within}. */
  static synchronized CompletableFuture<Void> release(Duration within) {
    if (--users > 0) {
      return CompletableFuture.completedFuture(null);
    }
    LinePrinter last = printer;
    printer = null;
    return last.close(within);
  }
}

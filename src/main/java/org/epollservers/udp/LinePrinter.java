package org.epollservers.udp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to an output stream from one thread of its own, so event loops never wait on the output:
 * lines wait in a queue bounded in bytes, are flushed at least every 100 ms and at close, and are dropped
 * and counted when the output cannot keep up.
 */
public final class LinePrinter {

  /** Longest time a printed line may sit in the output buffer. */
  static final long FLUSH_INTERVAL_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(LinePrinter.class);
  private static final byte[] END = new byte[0];

  private final OutputStream out;
  private final long maxQueuedBytes;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong printed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile boolean closing;

  private LinePrinter(OutputStream out, long maxQueuedBytes) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** Starts a printer and its writer thread. */
  public static LinePrinter start(OutputStream out, long maxQueuedBytes, String threadName) {
    LinePrinter printer = new LinePrinter(out, maxQueuedBytes);
    Thread writer = new Thread(printer::writeLoop, threadName);
    // The verticle's stop waits for the queue to drain; the thread alone must not keep the JVM alive.
    writer.setDaemon(true);
    writer.start();
    return printer;
  }

  /** Queues a line without blocking; returns false, counting a drop, when the queue is full or closed. */
  public boolean offer(byte[] line) {
    if (closing) {
      dropped.incrementAndGet();
      return false;
    }
    if (queuedBytes.addAndGet(line.length) > maxQueuedBytes) {
      queuedBytes.addAndGet(-line.length);
      dropped.incrementAndGet();
      return false;
    }
    queue.add(line);
    return true;
  }

  /** Stops taking lines; completes once every line queued before has been written and flushed. */
  public CompletableFuture<Void> close() {
    if (!closing) {
      closing = true;
      queue.add(END);
    }
    return finished;
  }

  public long printed() {
    return printed.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void writeLoop() {
    long lastFlush = System.nanoTime();
    boolean dirty = false;
    try {
      while (true) {
        byte[] line = queue.poll(FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        if (line == END) {
          break;
        }
        if (line != null) {
          queuedBytes.addAndGet(-line.length);
          dirty |= write(line);
        }
        long now = System.nanoTime();
        if (dirty && (queue.isEmpty() || now - lastFlush >= TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS))) {
          flush();
          dirty = false;
          lastFlush = now;
        }
      }
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finished.complete(null);
    }
  }

  private boolean write(byte[] line) {
    try {
      out.write(line);
      printed.incrementAndGet();
      return true;
    } catch (IOException e) {
      dropped.incrementAndGet();
      return false;
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      LOG.warn("cannot flush datagram output: {}", e.getMessage());
    }
  }
}

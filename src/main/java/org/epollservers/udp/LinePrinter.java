package org.epollservers.udp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to an output stream from one thread of its own, so event loops never wait on the output:
 * lines wait in a queue bounded in bytes, are taken in batches, flushed within 20 ms and at close, and are dropped
 * and counted when the output cannot keep up.
 */
public final class LinePrinter {

  /**
   * Longest time a line may sit in the output buffer: short enough for a person watching, long enough that a flood
   * is written in 64 KiB blocks instead of one system call per datagram.
   */
  static final long MAX_FLUSH_DELAY_MILLIS = 20;

  private static final long MAX_FLUSH_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_FLUSH_DELAY_MILLIS);
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long NOT_DIRTY = Long.MIN_VALUE;
  private static final int BATCH_LINES = 1024;

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
    List<byte[]> batch = new ArrayList<>(BATCH_LINES);
    long flushDue = NOT_DIRTY;
    try {
      boolean end = false;
      while (!end) {
        long wait = flushDue == NOT_DIRTY ? IDLE_WAIT_NANOS : Math.max(0, flushDue - System.nanoTime());
        byte[] first = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH_LINES);
        }
        for (byte[] line : batch) {
          if (line == END) {
            end = true;
            break;
          }
          queuedBytes.addAndGet(-line.length);
          if (write(line) && flushDue == NOT_DIRTY) {
            flushDue = System.nanoTime() + MAX_FLUSH_DELAY_NANOS;
          }
        }
        batch.clear();
        if (flushDue != NOT_DIRTY && System.nanoTime() - flushDue >= 0) {
          flush();
          flushDue = NOT_DIRTY;
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

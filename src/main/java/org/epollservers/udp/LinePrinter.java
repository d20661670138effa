package org.epollservers.udp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes blocks of lines to an output stream from one thread of its own, so event loops never wait on the output:
 * blocks wait in a queue bounded in bytes, are written in batches and flushed within 20 ms and at close, and are
 * dropped and counted, line by line, when the output cannot keep up.
 */
public final class LinePrinter {

  /**
   * Longest time a line may sit in the output buffer: short enough for a person watching, long enough that a flood
   * is written in 64 KiB blocks instead of one system call per datagram.
   */
  static final long MAX_FLUSH_DELAY_MILLIS = 20;

  /**
   * After writing what was queued, the writer rests this long before looking again, so a steady stream is taken
   * in batches rather than with a thread wake-up (two context switches) per block; it is woken only from idle.
   */
  static final long GATHER_MICROS = 1000;

  private static final long MAX_FLUSH_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_FLUSH_DELAY_MILLIS);
  private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(GATHER_MICROS);
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long NOT_DIRTY = Long.MIN_VALUE;
  private static final int BATCH_BLOCKS = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(LinePrinter.class);

  private final OutputStream out;
  private final long maxQueuedBytes;
  private final ConcurrentLinkedQueue<Block> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong printed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile boolean idle;
  private Thread writer;

  private LinePrinter(OutputStream out, long maxQueuedBytes) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** Starts a printer and its writer thread. */
  public static LinePrinter start(OutputStream out, long maxQueuedBytes, String threadName) {
    LinePrinter printer = new LinePrinter(out, maxQueuedBytes);
    printer.writer = new Thread(printer::writeLoop, threadName);
    // The verticle's stop waits for the queue to drain; the thread alone must not keep the JVM alive.
    printer.writer.setDaemon(true);
    printer.writer.start();
    return printer;
  }

  /** Queues one line without blocking; see {@link #offer(byte[], int)}. */
  public boolean offer(byte[] line) {
    return offer(line, 1);
  }

  /**
   * Queues a block of {@code lines} whole lines without blocking; returns false, counting every line of it as
   * dropped, when the queue has no room for the block or is closed.
   */
  public boolean offer(byte[] block, int lines) {
    if (closing) {
      dropped.addAndGet(lines);
      return false;
    }
    if (queuedBytes.addAndGet(block.length) > maxQueuedBytes) {
      queuedBytes.addAndGet(-block.length);
      dropped.addAndGet(lines);
      return false;
    }
    queue.add(new Block(block, lines));
    wakeIfIdle();
    return true;
  }

  /** Stops taking lines; completes once every line queued before has been written and flushed. */
  public CompletableFuture<Void> close() {
    closing = true;
    LockSupport.unpark(writer);
    return finished;
  }

  public long printed() {
    return printed.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void wakeIfIdle() {
    // Pairs with writeLoop: it sets idle before its last look at the queue, we look at idle after adding.
    if (idle) {
      idle = false;
      LockSupport.unpark(writer);
    }
  }

  private void writeLoop() {
    long flushDue = NOT_DIRTY;
    try {
      while (true) {
        boolean wrote = writeQueued();
        if (wrote && flushDue == NOT_DIRTY) {
          flushDue = System.nanoTime() + MAX_FLUSH_DELAY_NANOS;
        }
        if (flushDue != NOT_DIRTY && System.nanoTime() - flushDue >= 0) {
          flush();
          flushDue = NOT_DIRTY;
        }
        if (closing && queue.isEmpty()) {
          break;
        }
        if (wrote) {
          if (queue.isEmpty()) {
            LockSupport.parkNanos(GATHER_NANOS);
          }
        } else {
          idle = true;
          if (queue.isEmpty() && !closing) {
            long wait = flushDue == NOT_DIRTY ? IDLE_WAIT_NANOS : Math.max(0, flushDue - System.nanoTime());
            LockSupport.parkNanos(wait);
          }
          idle = false;
        }
      }
      flush();
    } finally {
      finished.complete(null);
    }
  }

  /** Writes the blocks queued now, at most a batch so the flush deadline is kept; returns whether there was any. */
  private boolean writeQueued() {
    boolean any = false;
    int taken = 0;
    for (Block block = queue.poll(); block != null; block = ++taken < BATCH_BLOCKS ? queue.poll() : null) {
      queuedBytes.addAndGet(-block.bytes.length);
      any |= write(block);
    }
    return any;
  }

  private boolean write(Block block) {
    try {
      out.write(block.bytes);
      printed.addAndGet(block.lines);
      return true;
    } catch (IOException e) {
      dropped.addAndGet(block.lines);
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

  /** Whole lines, as one array, and how many they are. */
  private record Block(byte[] bytes, int lines) {
  }
}

package org.epollservers.udp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes blocks of lines to an output stream from one thread of its own, so event loops never wait on the output:
 * blocks wait in a queue bounded in bytes and are written in batches within 20 ms; a line counts as printed only once
 * the write that carried it succeeded, and as dropped when the queue was full, the write failed, or the output was
 * still stuck when closing ran out of time.
 */
public final class LinePrinter {

  /**
   * Longest time a line may wait for its batch to be written: short enough for a person watching, long enough that a
   * flood is written in 64 KiB batches instead of one system call per datagram.
   */
  static final long MAX_FLUSH_DELAY_MILLIS = 20;

  /**
   * After writing what was queued, the writer rests this long before looking again, so a steady stream is taken
   * in batches rather than with a thread wake-up (two context switches) per block; it is woken only from idle.
   */
  static final long GATHER_MICROS = 1000;

  /** Lines are gathered up to this many bytes per write; a larger block is written on its own. */
  static final int BATCH_BYTES = 64 * 1024;

  private static final long MAX_FLUSH_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_FLUSH_DELAY_MILLIS);
  private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(GATHER_MICROS);
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long NOT_DIRTY = Long.MIN_VALUE;

  private static final Logger LOG = LoggerFactory.getLogger(LinePrinter.class);

  private final OutputStream out;
  private final String name;
  private final long maxQueuedBytes;
  private final ConcurrentLinkedQueue<Block> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  /** Lines the writer has taken from the queue and not yet counted: in its batch, or in a write under way. */
  private final AtomicLong unsettled = new AtomicLong();
  private final AtomicLong printed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final byte[] batch = new byte[BATCH_BYTES];
  private int batchLength;
  private int batchLines;
  private long lastWarning;
  private volatile boolean closing;
  private volatile boolean abandoned;
  private volatile boolean idle;
  private Thread writer;

  private LinePrinter(OutputStream out, long maxQueuedBytes, String name) {
    this.out = out;
    this.maxQueuedBytes = maxQueuedBytes;
    this.name = name;
  }

  /**
   * Starts a printer and its writer thread.
   *
   * @param out written without a buffer of its own in between, so each write's outcome is its lines' outcome
   */
  public static LinePrinter start(OutputStream out, long maxQueuedBytes, String threadName) {
    LinePrinter printer = new LinePrinter(out, maxQueuedBytes, threadName);
    printer.writer = new Thread(printer::writeLoop, threadName);
    // A writer stuck on a stalled output must not keep the JVM alive: closing gives up on it at its deadline.
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

  /**
   * Stops taking lines; completes once every line queued before has been written, or once {@code within} has
   * passed, when whatever could not be written yet (the output is stalled) is counted as dropped and left behind.
   */
  public CompletableFuture<Void> close(Duration within) {
    closing = true;
    LockSupport.unpark(writer);
    return finished.copy()
      .completeOnTimeout(null, Math.max(0, within.toMillis()), TimeUnit.MILLISECONDS)
      .thenRun(() -> {
        if (!finished.isDone()) {
          abandon();
        }
      });
  }

  /** Lines written to the output. */
  public long printed() {
    return printed.get();
  }

  /** Lines dropped: no room in the queue, a failed write, or still unwritten when closing gave up. */
  public long dropped() {
    return dropped.get();
  }

  private void abandon() {
    abandoned = true;
    long lost = 0;
    for (Block block = queue.poll(); block != null; block = queue.poll()) {
      lost += block.lines;
    }
    dropped.addAndGet(lost + unsettled.getAndSet(0));
    LOG.warn("{}: the output did not take the last lines in time; they are counted as dropped", name);
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
      while (!abandoned) {
        boolean took = takeQueued();
        if (took && flushDue == NOT_DIRTY) {
          flushDue = System.nanoTime() + MAX_FLUSH_DELAY_NANOS;
        }
        if (flushDue != NOT_DIRTY && System.nanoTime() - flushDue >= 0) {
          writeBatch();
          flushDue = NOT_DIRTY;
        }
        if (closing && queue.isEmpty()) {
          writeBatch();
          break;
        }
        if (took) {
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
    } finally {
      finished.complete(null);
    }
  }

  /** Moves the blocks queued now into the batch, writing it whenever it fills; returns whether there was any. */
  private boolean takeQueued() {
    boolean any = false;
    for (Block block = queue.poll(); block != null && !abandoned; block = queue.poll()) {
      any = true;
      queuedBytes.addAndGet(-block.bytes.length);
      unsettled.addAndGet(block.lines);
      if (abandoned) {
        // Closing gave up between our poll and now: these lines are ours to count.
        dropped.addAndGet(unsettled.getAndSet(0));
        return true;
      }
      if (block.bytes.length > batch.length - batchLength) {
        writeBatch();
      }
      if (block.bytes.length >= batch.length) {
        write(block.bytes, block.bytes.length, block.lines);
      } else {
        System.arraycopy(block.bytes, 0, batch, batchLength, block.bytes.length);
        batchLength += block.bytes.length;
        batchLines += block.lines;
      }
    }
    return any;
  }

  private void writeBatch() {
    if (batchLength > 0) {
      write(batch, batchLength, batchLines);
      batchLength = 0;
      batchLines = 0;
    }
  }

  /** Writes whole lines and counts them printed or dropped, unless closing already counted them as dropped. */
  private void write(byte[] bytes, int length, int lines) {
    IOException failure = null;
    try {
      out.write(bytes, 0, length);
      out.flush();
    } catch (IOException e) {
      failure = e;
    }
    if (!settle(lines)) {
      return;
    }
    if (failure == null) {
      printed.addAndGet(lines);
    } else {
      dropped.addAndGet(lines);
      warn(failure);
    }
  }

  /** Takes {@code lines} out of the unsettled count; false when closing took them first. */
  private boolean settle(int lines) {
    long now;
    do {
      now = unsettled.get();
      if (now < lines) {
        return false;
      }
    } while (!unsettled.compareAndSet(now, now - lines));
    return true;
  }

  private void warn(IOException failure) {
    long now = System.nanoTime();
    if (lastWarning == 0 || now - lastWarning > WARN_EVERY_NANOS) {
      lastWarning = now;
      LOG.warn("{}: cannot write to the output ({}); lines are dropped and counted until it takes them again", name,
        failure.getMessage());
    }
  }

  /** Whole lines, as one array, and how many they are. */
  private record Block(byte[] bytes, int lines) {
  }
}

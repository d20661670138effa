package org.epollservers.tcp;

import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of every connection on one event loop, served by one loop timer per deadline length instead of a
 * scheduled task per connection; confined to that loop.
 *
 * <p>Deadlines of equal length fall due in the order they were set, so each length keeps a plain list: setting a
 * deadline appends to it and cancelling unlinks, both without allocation beyond the entry or any reordering, and
 * the loop timer only ever waits for the list's head.
 */
final class LoopDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(LoopDeadlines.class);

  /** Deadlines shorter than this are rounded up, as loop timers have millisecond granularity anyway. */
  private static final long SHORTEST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final EventExecutor loop;
  private Line[] lines = new Line[0];

  LoopDeadlines(EventExecutor loop) {
    this.loop = loop;
  }

  /** Runs {@code task} on the loop once {@code delay} has passed, unless cancelled first; call on the loop. */
  Object add(Duration delay, Runnable task) {
    long nanos = Math.max(SHORTEST_NANOS, delay.toNanos());
    for (Line line : lines) {
      if (line.nanos == nanos) {
        return line.add(task);
      }
    }
    // A connection uses two or three lengths (headers, linger), all set from the configuration: this stays tiny.
    Line line = new Line(nanos);
    lines = Arrays.copyOf(lines, lines.length + 1);
    lines[lines.length - 1] = line;
    return line.add(task);
  }

  /** Cancels a deadline that {@link #add} returned; does nothing for {@code null} or one already run or cancelled. */
  static void cancel(Object deadline) {
    if (deadline != null) {
      ((Entry) deadline).cancel();
    }
  }

  /** The pending deadlines of one length, oldest first. */
  private final class Line {

    private final long nanos;
    private Entry head;
    private Entry tail;
    private boolean timerSet;

    Line(long nanos) {
      this.nanos = nanos;
    }

    Entry add(Runnable task) {
      Entry entry = new Entry(this, System.nanoTime() + nanos, task);
      if (tail == null) {
        head = entry;
      } else {
        tail.next = entry;
        entry.previous = tail;
      }
      tail = entry;
      if (!timerSet) {
        setTimer(head.due);
      }
      return entry;
    }

    void unlink(Entry entry) {
      if (entry.previous == null) {
        head = entry.next;
      } else {
        entry.previous.next = entry.next;
      }
      if (entry.next == null) {
        tail = entry.previous;
      } else {
        entry.next.previous = entry.previous;
      }
      entry.line = null;
      entry.previous = null;
      entry.next = null;
    }

    /**
     * Cancelling the head does not move the timer: when it goes off early it finds the new head not yet due and
     * waits again, one loop task per expiry rather than per cancellation.
     */
    private void setTimer(long due) {
      timerSet = true;
      loop.schedule(this::expire, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire() {
      // Still set while the due tasks run: one that sets a new deadline must not aim the timer past the head.
      long now = System.nanoTime();
      while (head != null && head.due - now <= 0) {
        Entry due = head;
        unlink(due);
        try {
          due.task.run();
        } catch (RuntimeException e) {
          // One connection's failure must not keep the others past their deadlines.
          LOG.warn("deadline task failed: {}", e.toString());
        }
      }
      timerSet = false;
      if (head != null) {
        setTimer(head.due);
      }
    }
  }

  /** One pending deadline, linked into its line until it runs or is cancelled. */
  private static final class Entry {

    private Line line;
    private final long due;
    private final Runnable task;
    private Entry previous;
    private Entry next;

    Entry(Line line, long due, Runnable task) {
      this.line = line;
      this.due = due;
      this.task = task;
    }

    void cancel() {
      if (line != null) {
        line.unlink(this);
      }
    }
  }
}

package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinePrinterTest {

  private static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("every line offered before close is written and flushed by the time close completes")
  void flushedAtClose() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LinePrinter printer = LinePrinter.start(out, 1 << 20, "test-printer");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      assertTrue(printer.offer(line("line " + i)));
      expected.append("line ").append(i).append('\n');
    }
    printer.close(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
    assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
    assertEquals(1000, printer.printed());
    assertFalse(printer.offer(line("late")), "a closed printer takes no more lines");
  }

  @Test
  @DisplayName("a line reaches the output without waiting for close")
  void flushedWhileRunning() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LinePrinter printer = LinePrinter.start(out, 1 << 20, "test-printer");
    printer.offer(line("soon"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.size() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("soon\n", out.toString(StandardCharsets.UTF_8));
    printer.close(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("when the output is stuck, lines past the byte bound are dropped and counted, never queued")
  void dropsWhenFull() throws Exception {
    CountDownLatch stuckInFlush = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream stuck = new OutputStream() {
      @Override
      public void write(int b) {
        sink.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        sink.write(b, off, len);
      }

      @Override
      public void flush() throws java.io.IOException {
        stuckInFlush.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
    };
    LinePrinter printer = LinePrinter.start(stuck, 100, "test-printer");
    byte[] tenBytes = line("123456789");
    assertTrue(printer.offer(tenBytes));
    assertTrue(stuckInFlush.await(10, TimeUnit.SECONDS));
    int accepted = 1;
    for (int i = 0; i < 1000; i++) {
      if (printer.offer(tenBytes)) {
        accepted++;
      }
    }
    assertEquals(11, accepted, "the first line plus a 100-byte queue of 10-byte lines");
    assertEquals(990, printer.dropped());
    release.countDown();
    printer.close(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
    assertEquals(accepted * 10, sink.size());
    assertEquals(accepted, printer.printed());
  }

  @Test
  @DisplayName("a block is written whole and counts its lines; one that does not fit is dropped whole, each line counted")
  void blocks() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    LinePrinter printer = LinePrinter.start(sink, 64, "test-printer");
    assertTrue(printer.offer("a 1 x\nb 2 y\nc 3 z\n".getBytes(StandardCharsets.UTF_8), 3));
    assertFalse(printer.offer(new byte[65], 5), "65 bytes do not fit a 64-byte queue");
    printer.close(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
    assertEquals("a 1 x\nb 2 y\nc 3 z\n", sink.toString(StandardCharsets.UTF_8));
    assertEquals(3, printer.printed());
    assertEquals(5, printer.dropped());
  }

  @Test
  @DisplayName("a failing output (a full disk, a closed pipe) counts its lines as dropped, never as printed")
  void failedWritesAreDrops() throws Exception {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    LinePrinter printer = LinePrinter.start(full, 1 << 20, "test-printer");
    for (int i = 0; i < 2000; i++) {
      assertTrue(printer.offer(line("lost " + i)));
    }
    printer.close(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
    assertEquals(0, printer.printed());
    assertEquals(2000, printer.dropped());
  }

  @Test
  @DisplayName("closing a printer whose output never drains ends at its deadline, everything unwritten counted as dropped")
  void closeIsBoundedWhenStalled() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    OutputStream stuck = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        stalled.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    LinePrinter printer = LinePrinter.start(stuck, 1 << 20, "test-printer");
    for (int i = 0; i < 500; i++) {
      assertTrue(printer.offer(line("held " + i)));
    }
    assertTrue(stalled.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    printer.close(Duration.ofMillis(300)).get(20, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "close waited for the stalled output");
    assertEquals(0, printer.printed());
    assertEquals(500, printer.dropped(), "every line offered is accounted for, once");
    never.countDown();
  }
}

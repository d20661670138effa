package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
    printer.close().get(10, TimeUnit.SECONDS);
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
    printer.close().get(10, TimeUnit.SECONDS);
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
    printer.close().get(10, TimeUnit.SECONDS);
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
    printer.close().get(10, TimeUnit.SECONDS);
    assertEquals("a 1 x\nb 2 y\nc 3 z\n", sink.toString(StandardCharsets.UTF_8));
    assertEquals(3, printer.printed());
    assertEquals(5, printer.dropped());
  }
}

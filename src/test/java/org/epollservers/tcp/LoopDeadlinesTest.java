package org.epollservers.tcp;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopDeadlinesTest {

  private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
  private final EventLoop loop = group.next();
  private final LoopDeadlines deadlines = new LoopDeadlines(loop);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Sets a deadline from the loop, as connections do; returns when it was set and its handle. */
  private Object[] set(long millis, String name, Runnable andThen) throws Exception {
    return loop.submit(() -> new Object[] {System.nanoTime(), deadlines.add(Duration.ofMillis(millis), () -> {
      ran.add(name);
      andThen.run();
    })}).get(5, TimeUnit.SECONDS);
  }

  private static long elapsedMillis(long since) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
  }

  @Test
  @DisplayName("deadlines of one length run in the order they were set, none before its time")
  void inOrder() throws Exception {
    CompletableFuture<Long> first = new CompletableFuture<>();
    CompletableFuture<Long> second = new CompletableFuture<>();
    long[] setAt = new long[2];
    setAt[0] = (long) set(150, "first", () -> first.complete(elapsedMillis(setAt[0])))[0];
    Thread.sleep(50);
    setAt[1] = (long) set(150, "second", () -> second.complete(elapsedMillis(setAt[1])))[0];
    assertTrue(first.get(5, TimeUnit.SECONDS) >= 150, "first ran early");
    assertTrue(second.get(5, TimeUnit.SECONDS) >= 150, "second ran early");
    assertEquals(List.of("first", "second"), ran);
  }

  @Test
  @DisplayName("a cancelled deadline never runs, and the one set after it still runs")
  void cancelled() throws Exception {
    CompletableFuture<Long> later = new CompletableFuture<>();
    Object head = set(200, "cancelled", () -> { })[1];
    Thread.sleep(50);
    loop.submit(() -> LoopDeadlines.cancel(head)).get(5, TimeUnit.SECONDS);
    Thread.sleep(50);
    long[] setAt = new long[1];
    setAt[0] = (long) set(200, "later", () -> later.complete(elapsedMillis(setAt[0])))[0];
    assertTrue(later.get(5, TimeUnit.SECONDS) >= 200, "ran early");
    Thread.sleep(300);
    assertEquals(List.of("later"), ran);
  }

  @Test
  @DisplayName("a short deadline is not held up behind a longer one set before it")
  void lengthsApart() throws Exception {
    CompletableFuture<Void> shortOne = new CompletableFuture<>();
    set(10_000, "long", () -> { });
    set(50, "short", () -> shortOne.complete(null));
    shortOne.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("short"), ran);
  }

  @Test
  @DisplayName("a deadline set while deadlines run does not push back one already waiting")
  void setWhileRunning() throws Exception {
    CompletableFuture<Long> waiting = new CompletableFuture<>();
    long[] thirdSetAt = new long[1];
    set(2_000, "first", () -> {
      thirdSetAt[0] = System.nanoTime();
      deadlines.add(Duration.ofMillis(2_000), () -> ran.add("third"));
    });
    Thread.sleep(200);
    set(2_000, "second", () -> waiting.complete(elapsedMillis(thirdSetAt[0])));
    // Due about 200 ms after the third was set; a timer aimed at the third would run it 2,000 ms after (the room
    // between is for a busy machine).
    assertTrue(waiting.get(10, TimeUnit.SECONDS) < 1_500, "the waiting deadline ran only with the one set after it");
  }

  @Test
  @DisplayName("a task that throws does not keep the next one from running")
  void failingTask() throws Exception {
    CompletableFuture<Void> next = new CompletableFuture<>();
    set(50, "throws", () -> {
      throw new IllegalStateException("expected by the test");
    });
    set(50, "next", () -> next.complete(null));
    next.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("throws", "next"), ran);
  }

  @Test
  @DisplayName("cancelling a deadline that already ran, or none, does nothing")
  void cancelAfterRun() throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Object deadline = set(20, "once", () -> done.complete(null))[1];
    done.get(5, TimeUnit.SECONDS);
    loop.submit(() -> {
      LoopDeadlines.cancel(deadline);
      LoopDeadlines.cancel(null);
    }).get(5, TimeUnit.SECONDS);
    assertEquals(List.of("once"), ran);
  }
}

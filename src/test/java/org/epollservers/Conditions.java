package org.epollservers;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting in tests for a condition, never for a fixed time: polled, and failed with what was awaited past a bound. */
public final class Conditions {

  /** Generous on purpose: only a broken build ever waits this long, and a busy 2-core machine must never. */
  private static final long LIMIT_SECONDS = 20;

  private Conditions() {
  }

  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}

package org.epollservers.tcp;

import org.epollservers.config.FaultConfig;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, once per request whose head has ended, whether it gets a fault instead of the response, and how long the
 * response waits; shared by the connections of a port, drawing from each loop's own {@link ThreadLocalRandom}.
 */
final class FaultInjector {

  /** Jitter comes in this many equal steps: each distinct wait costs the loop's deadlines a timer of its own. */
  static final int JITTER_STEPS = 64;

  private static final FaultInjector OFF = new FaultInjector(new FaultConfig(Duration.ZERO, Duration.ZERO, 0, 0, 0));

  private final boolean on;
  private final double resetBelow;
  private final double closeBelow;
  private final double stallBelow;
  private final Duration delay;
  private final long jitterStepNanos;
  private final int jitterSteps;

  private FaultInjector(FaultConfig config) {
    on = config.any();
    resetBelow = config.reset();
    closeBelow = resetBelow + config.close();
    stallBelow = closeBelow + config.stall();
    delay = config.delay();
    long jitterMillis = config.jitter().toMillis();
    jitterSteps = (int) Math.min(JITTER_STEPS, jitterMillis);
    jitterStepNanos = jitterSteps == 0 ? 0 : Duration.ofMillis(jitterMillis).toNanos() / jitterSteps;
  }

  static FaultInjector of(FaultConfig config) {
    return config.any() ? new FaultInjector(config) : OFF;
  }

  /** Whether anything is injected at all; when not, no other method is called and no random number drawn. */
  boolean on() {
    return on;
  }

  /** The fault this request gets, or {@code null} for the response. */
  Fault draw() {
    if (stallBelow == 0) {
      return null;
    }
    double roll = ThreadLocalRandom.current().nextDouble();
    if (roll < resetBelow) {
      return Fault.RESET;
    }
    if (roll < closeBelow) {
      return Fault.CLOSE;
    }
    return roll < stallBelow ? Fault.STALL : null;
  }

  /** How long the response waits: the delay plus a uniform random share of the jitter; zero to answer at once. */
  Duration responseWait() {
    if (jitterSteps == 0) {
      return delay;
    }
    // 0 to JITTER_STEPS steps inclusive, so the whole jitter can be reached.
    return delay.plusNanos(jitterStepNanos * ThreadLocalRandom.current().nextInt(jitterSteps + 1));
  }
}

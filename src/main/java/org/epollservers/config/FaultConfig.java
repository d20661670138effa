package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Deliberate misbehaviour for testing clients: a delay and jitter before each response, and the probabilities of
 * resetting, closing or stalling a connection instead of answering (the tcp.response.delay, tcp.response.jitter and
 * tcp.faults keys; see {@link Setting}). All zero by default.
 */
public record FaultConfig(Duration delay, Duration jitter, double reset, double close, double stall) {

  /** Whether any of it is on; when not, exchanges take exactly the path they take without this feature. */
  public boolean any() {
    return !delay.isZero() || !jitter.isZero() || reset > 0 || close > 0 || stall > 0;
  }

  static FaultConfig from(JsonObject tcp, String source) {
    JsonObject response = tcp.getJsonObject("response");
    JsonObject faults = tcp.getJsonObject("faults");
    double reset = faults.getDouble("reset");
    double close = faults.getDouble("close");
    double stall = faults.getDouble("stall");
    // Summed as the decimals the user wrote, so that 0.1, 0.2 and 0.7 make exactly 1.
    BigDecimal sum = BigDecimal.valueOf(reset).add(BigDecimal.valueOf(close)).add(BigDecimal.valueOf(stall));
    if (sum.compareTo(BigDecimal.ONE) > 0) {
      throw new ConfigException(source, "tcp.faults", "reset + close + stall is " + sum.stripTrailingZeros().toPlainString()
        + "; one connection gets at most one fault, so the probabilities must add up to at most 1");
    }
    return new FaultConfig(Durations.read(response, "delay"), Durations.read(response, "jitter"), reset, close, stall);
  }
}

package org.epollservers.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delay, jitter and fault probabilities as read from configuration, and what is refused. */
@ExtendWith(VertxExtension.class)
class FaultConfigTest {

  private static FaultConfig faults(String tcp) {
    return AppConfig.fromJson(new JsonObject("{\"tcp\":" + tcp + "}"), "x.json").tcp().extras().faults();
  }

  @Test
  @DisplayName("by default nothing is delayed and no fault is injected")
  void offByDefault() {
    FaultConfig faults = AppConfig.fromJson(new JsonObject(), "x.json").tcp().extras().faults();
    assertEquals(new FaultConfig(Duration.ZERO, Duration.ZERO, 0, 0, 0), faults);
    assertFalse(faults.any());
  }

  @Test
  @DisplayName("delay, jitter and probabilities written as JSON numbers are read, 0 and 1 included")
  void read() {
    FaultConfig faults = faults("{\"response\":{\"delay\":\"250ms\",\"jitter\":\"1s\"},"
      + "\"faults\":{\"reset\":0.1,\"close\":0,\"stall\":0.25}}");
    assertEquals(new FaultConfig(Duration.ofMillis(250), Duration.ofSeconds(1), 0.1, 0, 0.25), faults);
    assertTrue(faults.any());
    assertEquals(1.0, faults("{\"faults\":{\"close\":1}}").close());
  }

  @Test
  @DisplayName("probabilities adding up to more than 1 are refused at start, naming tcp.faults and the sum")
  void sumAboveOne() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> faults("{\"faults\":{\"reset\":0.5,\"close\":0.4,\"stall\":0.3}}"));
    assertEquals("tcp.faults", e.key());
    assertTrue(e.getMessage().contains("reset + close + stall is 1.2"), e.getMessage());
    // Decimals add up as written: 0.1 + 0.2 + 0.7 is 1, not 1.0000000000000002.
    assertEquals(0.7, faults("{\"faults\":{\"reset\":0.1,\"close\":0.2,\"stall\":0.7}}").stall());
  }

  @Test
  @DisplayName("a probability outside 0..1, or not a number, is refused naming its key")
  void badProbabilities() {
    for (String bad : new String[] {"1.5", "-0.1", "\"0.5\"", "true", "null"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> faults("{\"faults\":{\"reset\":" + bad + "}}"), bad);
      assertEquals("tcp.faults.reset", e.key(), bad);
      assertTrue(e.getMessage().contains("must be a number from 0 to 1"), e.getMessage());
    }
    assertEquals("tcp.response.delay", assertThrows(ConfigException.class,
      () -> faults("{\"response\":{\"delay\":\"11m\"}}")).key());
  }

  @Test
  @DisplayName("an environment variable gives a probability as decimal text")
  void fromEnvironment(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of("TCP_FAULTS_RESET", "0.25", "TCP_FAULTS_STALL", ".5", "TCP_RESPONSE_DELAY", "2s"))
      .load(null, null).onComplete(test.succeeding(loaded -> test.verify(() -> {
        assertEquals(new FaultConfig(Duration.ofSeconds(2), Duration.ZERO, 0.25, 0, 0.5), loaded.config().tcp().extras().faults());
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("an environment variable that is not a plain decimal is refused by its name")
  void badVariable(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of("TCP_FAULTS_CLOSE", "NaN")).load(null, null).onComplete(test.failing(e -> test.verify(() -> {
      ConfigException refused = assertInstanceOf(ConfigException.class, e);
      assertEquals("environment TCP_FAULTS_CLOSE", refused.source());
      assertEquals("tcp.faults.close", refused.key());
      test.completeNow();
    })));
  }
}

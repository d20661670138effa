package org.epollservers.udp;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-sender token buckets on a clock the test moves by hand. */
class SenderRatesTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static InetAddress address(int n) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
  }

  @Test
  @DisplayName("a new sender may send a second's worth at once, then one per interval")
  void burstThenRate() throws Exception {
    SenderRates rates = SenderRates.of(vertx, 10);
    SenderRates.Bucket bucket = rates.bucket(address(1), 0);
    for (int i = 0; i < 10; i++) {
      assertTrue(rates.take(bucket, 0), "token " + i);
    }
    assertFalse(rates.take(bucket, 0));
    assertFalse(rates.take(bucket, SECOND / 10 - 1));
    assertTrue(rates.take(bucket, SECOND / 10));
    assertFalse(rates.take(bucket, SECOND / 10));
    assertSame(bucket, rates.bucket(address(1), SECOND), "one bucket per address");
    assertSame(rates, SenderRates.of(vertx, 10), "one table per process");
  }

  @Test
  @DisplayName("the table holds at most 65,536 senders; a new one is refused while full, and refilled ones are forgotten")
  void bounded() throws Exception {
    SenderRates rates = SenderRates.of(vertx, 5);
    for (int i = 0; i < SenderRates.MAX_SENDERS; i++) {
      assertTrue(rates.take(rates.bucket(address(i), 0), 0));
    }
    assertEquals(SenderRates.MAX_SENDERS, rates.size());
    assertNull(rates.bucket(address(SenderRates.MAX_SENDERS), 0), "no room for a new sender");
    assertNotNull(rates.bucket(address(7), 0), "a known sender keeps its bucket");
    SenderRates.Bucket held = rates.bucket(address(7), 0);
    rates.sweep(SECOND / 10);
    assertEquals(SenderRates.MAX_SENDERS, rates.size(), "nothing refilled yet");
    rates.sweep(SECOND);
    assertEquals(0, rates.size());
    assertTrue(held.forgotten(), "a receiver holding a forgotten bucket looks its sender up again");
    assertNotNull(rates.bucket(address(SenderRates.MAX_SENDERS), SECOND));
  }
}

package org.epollservers.udp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The wall-clock time in RFC 3339, UTC, to the millisecond ({@code 2026-12-02T18:45:30.123Z}), as ASCII. */
public final class BurstTime {

  private static final DateTimeFormatter RFC_3339 =
    DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private long lastMillis = Long.MIN_VALUE;
  private byte[] last;

  /** Now; the text of the previous call is reused within the same millisecond. */
  byte[] now() {
    return of(System.currentTimeMillis());
  }

  byte[] of(long millis) {
    if (millis != lastMillis) {
      lastMillis = millis;
      last = format(millis).getBytes(StandardCharsets.US_ASCII);
    }
    return last;
  }

  /** {@code millis} since the epoch as RFC 3339 text. */
  public static String format(long millis) {
    return RFC_3339.format(Instant.ofEpochMilli(millis));
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the durations of the configuration: a whole number and a unit ({@code ms}, {@code s} or {@code m}). */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private Durations() {
  }

  /** The duration written in {@code text}, or {@code null} when it is not one. */
  public static Duration parse(String text) {
    Matcher matcher = FORM.matcher(text.trim());
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  /** The duration under {@code key} in a validated section. */
  static Duration read(JsonObject section, String key) {
    return parse(section.getString(key));
  }

  /** The shortest way to write a duration in this form. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 && millis > 0 ? millis / 1000 + "s" : millis + "ms";
  }
}

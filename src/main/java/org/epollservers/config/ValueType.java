package org.epollservers.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.epollservers.text.Escaping;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kind of value a setting accepts: what the reference says it accepts, and what a refusal says when a value
 * is not one.
 *
 * @param accepts the values accepted, as docs/configuration.md shows them
 * @param problem {@code null} for an acceptable value, otherwise what is wrong with it
 */
record ValueType(String accepts, Function<Object, String> problem) {

  String problemWith(Object value) {
    return problem.apply(value);
  }

  static ValueType integer(long min, long max) {
    String accepts = "an integer from " + min + " to " + max;
    return new ValueType(accepts, value -> {
      boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short;
      if (!whole || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
        return "must be " + accepts + ", got " + describe(value);
      }
      return null;
    });
  }

  static ValueType port() {
    return integer(0, 65535);
  }

  /** A duration written as a whole number and a unit, such as {@code "10s"}, {@code "500ms"} or {@code "2m"}. */
  static ValueType duration(Duration min, Duration max) {
    String range = "from " + Durations.format(min) + " to " + Durations.format(max);
    return new ValueType("a duration " + range, value -> {
      Duration parsed = value instanceof String text ? Durations.parse(text) : null;
      if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
        return "must be a duration such as \"500ms\", \"10s\" or \"2m\" " + range + ", got " + describe(value);
      }
      return null;
    });
  }

  /** A probability: a JSON number from 0 to 1 (from an environment variable, decimal text such as {@code 0.25}). */
  static ValueType probability() {
    String accepts = "a number from 0 to 1";
    return new ValueType(accepts, value -> {
      double number = value instanceof Number n ? n.doubleValue() : Double.NaN;
      // Written so that NaN, and anything not a number, fails both comparisons.
      if (!(number >= 0 && number <= 1)) {
        return "must be " + accepts + " such as 0.05, got " + describe(value);
      }
      return null;
    });
  }

  static ValueType bool() {
    return new ValueType("true or false", value -> value instanceof Boolean ? null : "must be true or false, got " + describe(value));
  }

  static ValueType oneOf(List<String> choices) {
    String accepts = "one of " + String.join(", ", choices);
    return new ValueType(accepts, value -> choices.contains(value) ? null : "must be " + accepts + ", got " + describe(value));
  }

  /**
   * One of the transports offered. Netty 4.2.9's io_uring transport, offered before, leaked a descriptor per
   * connection reset after its request and lost the answer to a client that half-closed after its request; asking
   * for it says so rather than just listing the others.
   */
  static ValueType transport() {
    ValueType offered = oneOf(TransportChoice.names());
    return new ValueType(offered.accepts(), value -> "io_uring".equals(value)
      ? "io_uring is no longer offered (with Netty 4.2.9 it leaked a descriptor per reset connection and lost answers "
        + "to half-closed clients); use auto or epoll"
      : offered.problemWith(value));
  }

  /** A JSON array of address blocks such as {@code "10.0.0.0/8"} or {@code "::1"}; a refusal names the bad entry. */
  static ValueType cidrList() {
    return new ValueType("an array of addresses or CIDR blocks, such as [\"10.0.0.0/8\", \"::1\"] (as a variable: "
      + "comma-separated)", value -> {
        if (!(value instanceof JsonArray entries)) {
          return "must be an array of addresses or CIDR blocks such as [\"10.0.0.0/8\"], got " + describe(value);
        }
        for (Object entry : entries) {
          if (!(entry instanceof String text)) {
            return "must hold only strings such as \"10.0.0.0/8\", got " + describe(entry);
          }
          try {
            Cidr.parse(text);
          } catch (IllegalArgumentException e) {
            return e.getMessage();
          }
        }
        return null;
      });
  }

  /** Text on one line, not empty. */
  static ValueType text() {
    return line(false, false, "text on one line");
  }

  /** A file's path, or null for none. */
  static ValueType optionalPath() {
    return line(true, false, "a file's path, or null");
  }

  /** Any text, including several lines, or null. */
  static ValueType optionalText() {
    return new ValueType("text, or null",
      value -> value == null || value instanceof String ? null : "must be a string or null, got " + describe(value));
  }

  /** HTTP header names mapped to single-line values; null removes a header a lower-priority source set. */
  static ValueType headers() {
    ValueType headerValue = line(true, true, "");
    return new ValueType("an object of header names to one-line values", value -> {
      if (!(value instanceof JsonObject headers)) {
        return "must be an object of header names to values, got " + describe(value);
      }
      for (Map.Entry<String, Object> header : headers) {
        if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
          return "header name " + describe(header.getKey()) + " is not a valid HTTP token";
        }
        if (header.getKey().equalsIgnoreCase("Content-Length")) {
          return "Content-Length is computed from the body; remove it";
        }
        String problem = headerValue.problemWith(header.getValue());
        if (problem != null) {
          return "header " + header.getKey() + " " + problem;
        }
      }
      return null;
    });
  }

  /** Text on a single line: no control characters that could break a header or a log line. */
  private static ValueType line(boolean nullable, boolean mayBeEmpty, String accepts) {
    return new ValueType(accepts, value -> {
      if (value == null && nullable) {
        return null;
      }
      if (!(value instanceof String text)) {
        return "must be " + (nullable ? "a string or null" : "a string") + ", got " + describe(value);
      }
      if (!mayBeEmpty && text.isEmpty()) {
        return "must not be empty";
      }
      if (text.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
        return "must not contain control characters such as CR or LF";
      }
      return null;
    });
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return Escaping.quoted(text);
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return String.valueOf(value);
  }
}

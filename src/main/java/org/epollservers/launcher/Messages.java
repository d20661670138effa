package org.epollservers.launcher;

import java.util.HashSet;
import java.util.Set;

/** Short, one-line renderings of failures for operators. */
final class Messages {

  private Messages() {
  }

  /** The messages of a failure and its causes, each once, on one line. */
  static String causes(Throwable failure) {
    if (failure == null) {
      return "timed out";
    }
    StringBuilder line = new StringBuilder();
    Set<String> seen = new HashSet<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (seen.add(message) && line.indexOf(message) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    return line.toString().replaceAll("[\\r\\n]+", " ");
  }
}

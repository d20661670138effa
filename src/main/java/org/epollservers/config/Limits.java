package org.epollservers.config;

/** Hard bounds that keep memory predictable whatever the configuration says. */
public final class Limits {

  /** The largest canned response body, generated or read from a file. */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private Limits() {
  }
}

package org.epollservers.tcp;

import java.util.Locale;

/** What a connection can get instead of the canned response when faults are injected (the tcp.faults keys). */
public enum Fault {
  /** Closed with SO_LINGER 0: the client sees a reset. */
  RESET,
  /** Closed cleanly (FIN) without a byte of answer. */
  CLOSE,
  /** No answer; held until the header deadline, then closed. */
  STALL;

  /** The name in the tcp.faults keys and the metrics' {@code fault} label. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

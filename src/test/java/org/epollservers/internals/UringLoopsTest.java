package org.epollservers.internals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UringLoopsTest {

  private static final int[] OLDEST = {5, 19};

  @Test
  @DisplayName("kernels from 5.19 on are new enough for io_uring, older or unreadable ones are not")
  void kernelVersions() {
    assertTrue(UringLoops.isAtLeast("5.19.0", OLDEST));
    assertTrue(UringLoops.isAtLeast("6.1.0-18-amd64", OLDEST));
    assertTrue(UringLoops.isAtLeast("6.18.44-fc-v1045", OLDEST));
    assertFalse(UringLoops.isAtLeast("5.15.0-91-generic", OLDEST));
    assertFalse(UringLoops.isAtLeast("4.19.0", OLDEST));
    assertFalse(UringLoops.isAtLeast("", OLDEST));
    assertFalse(UringLoops.isAtLeast("unknown", OLDEST));
  }
}

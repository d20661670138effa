package org.epollservers.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchArgumentsTest {

  @Test
  @DisplayName("-conf is found in every spelling the launcher accepts")
  void confSpellings() {
    assertEquals("a.json", LaunchArguments.scan(new String[] {"-conf", "a.json"}).conf());
    assertEquals("b.json", LaunchArguments.scan(new String[] {"-instances", "2", "--conf", "b.json"}).conf());
    assertEquals("c.json", LaunchArguments.scan(new String[] {"-CONF=c.json"}).conf());
    assertEquals("{\"a\":1}", LaunchArguments.scan(new String[] {"--conf={\"a\":1}"}).conf());
    assertNull(LaunchArguments.scan(new String[] {"-instances", "2"}).conf());
  }

  @Test
  @DisplayName("help is recognised so it can be shown without loading configuration")
  void help() {
    assertTrue(LaunchArguments.scan(new String[] {"-h"}).helpOnly());
    assertTrue(LaunchArguments.scan(new String[] {"--help"}).helpOnly());
    assertFalse(LaunchArguments.scan(new String[] {"-conf", "-h.json"}).helpOnly());
  }
}

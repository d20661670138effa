package org.epollservers.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the JVM writes a thread dump on SIGQUIT: stdout unless started with {@code -XX:+DisplayVMOutputToStderr},
 * which only the command line or the JVM's option variables can set, not the program itself. On stdout a dump would
 * land among the datagram lines.
 */
final class ThreadDumpTarget {

  static final String FLAG = "DisplayVMOutputToStderr";

  private ThreadDumpTarget() {
  }

  /** Whether the JVM was started with its VM output on stderr; the last setting of the flag wins. */
  static boolean stderr() {
    List<String> options = new ArrayList<>();
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      String value = System.getenv(variable);
      if (value != null) {
        options.addAll(List.of(value.trim().split("\\s+")));
      }
    }
    ProcessHandle.current().info().arguments().ifPresent(arguments -> options.addAll(List.of(arguments)));
    boolean on = false;
    for (String option : options) {
      if (option.equals("-XX:+" + FLAG)) {
        on = true;
      } else if (option.equals("-XX:-" + FLAG)) {
        on = false;
      }
    }
    return on;
  }

  /** Whether stdout is a terminal, where a dump among the lines harms no record. */
  static boolean stdoutIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception unknown) {
      return System.console() != null;
    }
  }
}

package org.epollservers.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Refuses to run with a standard output that cannot carry datagram lines: started with stdout closed ({@code >&-}),
 * descriptor 1 is free, and the JVM reuses it for a file of its own, opened read-only, before this code runs.
 */
final class StdoutCheck {

  private static final Path FD_INFO = Path.of("/proc/self/fdinfo/1");

  private StdoutCheck() {
  }

  /** What is wrong with stdout, or {@code null} when it is open for writing or this system cannot tell. */
  static String problem() {
    String info;
    try {
      info = Files.readString(FD_INFO);
    } catch (NoSuchFileException closed) {
      return Files.isDirectory(FD_INFO.getParent()) ? "stdout is closed" : null;
    } catch (IOException | RuntimeException unknown) {
      return null;
    }
    for (String line : info.split("\n")) {
      if (line.startsWith("flags:")) {
        // The access mode is the two low bits: 0 is read-only (1 write-only, 2 read-write).
        int flags = Integer.parseInt(line.substring("flags:".length()).trim(), 8);
        return (flags & 3) == 0 ? "stdout is not open for writing (was it closed, as with >&-?)" : null;
      }
    }
    return null;
  }
}

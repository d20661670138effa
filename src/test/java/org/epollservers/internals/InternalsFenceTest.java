package org.epollservers.internals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalsFenceTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path FENCE = SOURCES.resolve("org/epollservers/internals");
  /** Imports, fully qualified names and calls that only the internals package may use. */
  private static final Pattern FENCED = Pattern.compile(String.join("|",
    "io\\.vertx\\.core\\.internal\\b",
    "io\\.vertx\\.core\\.impl\\b",
    "io\\.netty\\.channel\\.epoll\\b",
    "io\\.netty\\.channel\\.unix\\b",
    "io\\.netty\\.channel\\.uring\\b",
    "\\bIoEvent\\b",
    "\\bIoEventLoop\\b",
    "\\bIoRegistration\\b",
    "\\bIoHandle\\b",
    "\\.unsafe\\s*\\(\\s*\\)"));

  @Test
  @DisplayName("internal Vert.x and unstable Netty APIs appear only in the internals package")
  void internalApisStayBehindTheFence() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).filter(file -> !file.startsWith(FENCE)).sorted().toList();
    }
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        if (FENCED.matcher(lines.get(i)).find()) {
          found.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertTrue(sources.size() > 50, "found only " + sources.size() + " sources under " + SOURCES.toAbsolutePath());
    assertTrue(found.isEmpty(), "move these into org.epollservers.internals:\n" + String.join("\n", found));
  }
}

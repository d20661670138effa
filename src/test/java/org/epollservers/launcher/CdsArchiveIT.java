package org.epollservers.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.epollservers.launcher.LauncherIT.EPHEMERAL;
import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.epollservers.launcher.LauncherIT.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The class-data-sharing archive that the package phase writes beside the jar (scripts/cds-archive.sh). */
class CdsArchiveIT {

  private static final Path ARCHIVE = Path.of("target/epoll-servers.jsa").toAbsolutePath();

  @Test
  @DisplayName("the jar's archive maps from another working directory, holds picocli's classes, and the jar answers with it")
  void archiveMaps(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(ARCHIVE), "the package phase ran with -Dcds.skip=true");
    // -Xshare:on turns an archive that does not fit into an error, where the default would start without it unseen.
    List<String> java = List.of("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info:stderr");
    try (AppProcess app = AppProcess.start(dir, java, List.of("-conf", EPHEMERAL), Map.of())) {
      assertArrayEquals(SEED_RESPONSE, request(app.tcpPort()));
      // A dynamic archive leaves these out (class files older than Java 6); the static one keeps them.
      assertTrue(app.stderr().stream().anyMatch(line -> line.contains("picocli.CommandLine source: shared objects file")),
        "picocli's classes came from the archive");
    }
  }
}

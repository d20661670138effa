package org.epollservers.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name a node goes by in the cluster feed and status and in the canned response's {@code {node}}: {@code NODE_ID},
 * or host name and process id.
 */
public final class NodeIdentity {

  private static final String ID = compute();

  private NodeIdentity() {
  }

  public static String id() {
    return ID;
  }

  private static String compute() {
    String given = System.getenv("NODE_ID");
    if (given != null && !given.isBlank()) {
      return given.trim();
    }
    // Read without a name lookup, which could block on DNS.
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = Files.readString(Path.of("/etc/hostname")).trim();
      } catch (IOException | RuntimeException e) {
        host = "node";
      }
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}

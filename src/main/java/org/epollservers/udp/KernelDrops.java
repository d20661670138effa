package org.epollservers.udp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datagrams the kernel dropped for this process's sockets on one UDP port before they could be read (the receive
 * buffer was full), as Linux counts them per socket in the {@code drops} column of /proc/net/udp and udp6. Read
 * only when asked (stats, metrics, status, stop), never per datagram; where there is no /proc, none are known.
 */
final class KernelDrops {

  private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
  private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");
  private static final int INODE_COLUMN = 9;
  private static final int DROPS_COLUMN = 12;

  private final int port;
  private int sockets;
  /** The last count read for each socket found; a closed socket keeps its final count. */
  private final Map<Long, Long> dropsBySocket = new HashMap<>();

  KernelDrops(int port) {
    this.port = port;
  }

  /** One more of this process's sockets is bound to the port. */
  synchronized void socketBound() {
    sockets++;
  }

  /**
   * The drops of every socket of this process on the port, summed, each socket's last count kept once it closes.
   * Finds the sockets the first time (and again while fewer are found than were bound).
   */
  synchronized long count() {
    try {
      if (dropsBySocket.size() < sockets) {
        ownSocketsOnPort().forEach(inode -> dropsBySocket.putIfAbsent(inode, 0L));
      }
      for (Path table : TABLES) {
        for (String row : rows(table)) {
          String[] columns = row.trim().split("\\s+");
          if (columns.length > DROPS_COLUMN) {
            dropsBySocket.computeIfPresent(Long.parseLong(columns[INODE_COLUMN]),
              (inode, before) -> Long.parseLong(columns[DROPS_COLUMN]));
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // No /proc here, or a table changed shape: keep the last counts rather than invent any.
    }
    return dropsBySocket.values().stream().mapToLong(Long::longValue).sum();
  }

  private Set<Long> ownSocketsOnPort() throws IOException {
    Set<Long> own = new HashSet<>();
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(OWN_DESCRIPTORS)) {
      for (Path descriptor : descriptors) {
        String target;
        try {
          target = Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
          continue;
        }
        if (target.startsWith("socket:[")) {
          own.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
        }
      }
    }
    String portSuffix = String.format(":%04X", port);
    Set<Long> onPort = new HashSet<>();
    for (Path table : TABLES) {
      for (String row : rows(table)) {
        String[] columns = row.trim().split("\\s+");
        if (columns.length > DROPS_COLUMN && columns[1].endsWith(portSuffix)) {
          long inode = Long.parseLong(columns[INODE_COLUMN]);
          if (own.contains(inode)) {
            onPort.add(inode);
          }
        }
      }
    }
    return onPort;
  }

  private static List<String> rows(Path table) throws IOException {
    if (!Files.exists(table)) {
      return List.of();
    }
    // procfs reports no size: read it as lines, the header first.
    List<String> lines = Files.readAllLines(table);
    return lines.isEmpty() ? lines : lines.subList(1, lines.size());
  }
}

package org.epollservers.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.sendDatagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster closed by mutual TLS on the event bus: a process without the cluster's certificate gets nothing. */
@EnabledOnOs(OS.LINUX)
class ClusterTlsIT {

  private static final String NODE_CONF = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":0},"
    + "\"udp\":{\"host\":\"127.0.0.1\",\"port\":0,\"publish\":true,\"warmUpDatagrams\":0},\"admin\":{\"port\":0}}";
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();

  private final List<AppProcess> started = new ArrayList<>();
  private String members;

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A clustered process with the certificate {@code name} (signed by {@code ca}) and {@code ca} as the only trust. */
  private AppProcess node(Path dir, int memberPort, String name, String ca, String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CLUSTER_MEMBERS", members);
    env.put("CLUSTER_PORT", String.valueOf(memberPort));
    // A name of its own: a member of another test's cluster that lands on one of these ports is never let in.
    env.put("CLUSTER_NAME", "cluster-tls-it");
    env.put("CLUSTER_TLS_CERT_FILE", TLS.resolve(name + ".pem").toString());
    env.put("CLUSTER_TLS_KEY_FILE", TLS.resolve(name + "-key.pem").toString());
    env.put("CLUSTER_TLS_CA_FILE", TLS.resolve(ca + ".pem").toString());
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-cluster");
    AppProcess process = AppProcess.start(dir, List.of(), all, env);
    started.add(process);
    return process;
  }

  /** The addresses something of {@code pid}'s listens on at {@code port}, from /proc, as ss would show them. */
  private static List<String> listening(long pid, int port) throws Exception {
    List<String> found = new ArrayList<>();
    for (String table : List.of("/proc/" + pid + "/net/tcp", "/proc/" + pid + "/net/tcp6")) {
      for (String row : Files.readAllLines(Path.of(table))) {
        String[] columns = row.trim().split("\\s+");
        if (columns[1].endsWith(String.format(":%04X", port)) && columns[3].equals("0A")) {
          found.add(columns[1]);
        }
      }
    }
    return found;
  }

  @Test
  @DisplayName("the feed reaches a tail with the cluster's certificate and never one with another; Hazelcast binds only its interface")
  void closedCluster(@TempDir Path dir) throws Exception {
    int[] ports = {freePort(), freePort(), freePort()};
    members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    try {
      AppProcess node = node(dir, ports[0], "node", "cluster-ca", "-conf", NODE_CONF);
      node.awaitStderr(Pattern.compile("Members \\{size:1"));
      int udp = node.udpPort();
      // 127.0.0.1 as such, or mapped into IPv6 (::ffff:127.0.0.1), and never a wildcard.
      List<String> bound = listening(node.pid(), ports[0]);
      assertEquals(1, bound.size(), bound.toString());
      assertTrue(bound.get(0).matches("(0100007F|0000000000000000FFFF00000100007F):[0-9A-F]{4}"),
        "Hazelcast listens on cluster.interface (127.0.0.1) only, not on every address: " + bound);

      AppProcess tail = node(dir, ports[1], "node", "cluster-ca", "org.epollservers.cluster.TailVerticle");
      tail.awaitStderr(Pattern.compile("tail: printing the datagrams of every node"));
      node.awaitStderr(Pattern.compile("feed: subscriber \\S+ joined"));
      AppProcess rogue = node(dir, ports[2], "rogue", "rogue-ca", "org.epollservers.cluster.TailVerticle");
      rogue.awaitStderr(Pattern.compile("Members \\{size:3"));
      rogue.awaitStderr(Pattern.compile("tail: printing the datagrams of every node"));

      // Long enough for the rogue to have renewed its subscription several times, had its certificate been taken.
      for (int i = 0; i < 40; i++) {
        int from = sendDatagram(udp, "secret " + i);
        tail.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " secret " + i) + "$"));
        Thread.sleep(100);
      }
      assertTrue(rogue.stdout().isEmpty(), "the rogue printed: " + rogue.stdout());
      assertEquals(1, node.stderr().stream().filter(l -> l.contains("feed: subscriber")).count(),
        "only the tail with the cluster's certificate ever subscribed: " + node.stderr());
    } finally {
      started.forEach(AppProcess::close);
    }
  }
}

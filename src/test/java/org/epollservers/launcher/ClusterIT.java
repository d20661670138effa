package org.epollservers.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.epollservers.launcher.LauncherIT.request;
import static org.epollservers.launcher.LauncherIT.sendDatagram;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three JVMs on 127.0.0.1 form a Hazelcast cluster: the datagram feed, the tail node, status, a kill -9 and a rejoin;
 * tail and status are started by their command names, which imply {@code -cluster}, and status once by class name.
 */
class ClusterIT {

  private static final String NODE_CONF = "{\"tcp\":{\"host\":\"127.0.0.1\",\"port\":0},"
    + "\"udp\":{\"host\":\"127.0.0.1\",\"port\":0,\"publish\":true},\"admin\":{\"port\":0}}";

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private final List<AppProcess> started = new ArrayList<>();
  private String members;

  private AppProcess node(Path dir, int memberPort, String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CLUSTER_MEMBERS", members);
    env.put("CLUSTER_INTERFACE", "127.0.0.1");
    env.put("CLUSTER_PORT", String.valueOf(memberPort));
    // A name of its own: a member of another test's cluster that lands on one of these ports is never let in.
    env.put("CLUSTER_NAME", "cluster-it");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-cluster-host", "127.0.0.1"));
    AppProcess process = AppProcess.start(dir, List.of(), all, env);
    started.add(process);
    return process;
  }

  private AppProcess servers(Path dir, int memberPort) throws Exception {
    return node(dir, memberPort, "-conf", NODE_CONF, "-cluster");
  }

  /** Runs the status command ({@code status}, which implies {@code -cluster}) and returns its rows, header first. */
  private List<String> status(Path dir, int memberPort) throws Exception {
    return status(dir, memberPort, "status");
  }

  private List<String> status(Path dir, int memberPort, String... command) throws Exception {
    AppProcess status = node(dir, memberPort, command);
    assertEquals(0, status.awaitExit(), status.stderr().toString());
    return status.stdout();
  }

  /** Sends {@code text} to {@code node} again every 2 s until {@code tail} prints it from that node (90 s at most). */
  private static void awaitFeed(AppProcess tail, AppProcess node, int udp, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      int from = sendDatagram(udp, text);
      Pattern line = Pattern.compile(Pattern.quote(nodeOf(node) + " 127.0.0.1 " + from + " " + text));
      if (tail.stdoutWithin(line, Duration.ofSeconds(2)) || System.nanoTime() > deadline) {
        tail.awaitStdout(line);
        return;
      }
    }
  }

  private static void signal(String name, AppProcess process) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor());
  }

  private static String nodeOf(AppProcess process) {
    return "-" + process.pid();
  }

  @Test
  @DisplayName("datagrams reach the tail from every node, status lists the nodes, and the cluster survives kill -9")
  void clusterLifecycle(@TempDir Path dir) throws Exception {
    int[] ports = {freePort(), freePort(), freePort(), freePort(), freePort()};
    members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    try {
      // One after the other, each once the cluster has it: members starting at the same moment can each form a
      // cluster of their own and merge later, which Vert.x's cluster state does not survive whole.
      AppProcess a = servers(dir, ports[0]);
      a.awaitStderr(Pattern.compile("Members \\{size:1"));
      AppProcess b = servers(dir, ports[1]);
      b.awaitStderr(Pattern.compile("Members \\{size:2"));
      AppProcess tail = node(dir, ports[2], "tail");
      int udpA = a.udpPort();
      int udpB = b.udpPort();
      tail.awaitStderr(Pattern.compile("tail: printing the datagrams of every node"));
      // A node sends to a subscriber from the moment it knows it: wait for that, rather than for a fixed time.
      a.awaitStderr(Pattern.compile("feed: subscriber \\S+ joined"));
      b.awaitStderr(Pattern.compile("feed: subscriber \\S+ joined"));

      int from = sendDatagram(udpA, "to A \u001b[31m");
      tail.awaitStdout(Pattern.compile(Pattern.quote(nodeOf(a) + " 127.0.0.1 " + from + " to A \\x1b[31m")));
      from = sendDatagram(udpB, "to B");
      tail.awaitStdout(Pattern.compile(Pattern.quote(nodeOf(b) + " 127.0.0.1 " + from + " to B")));

      // The verticle's class name with -cluster, as before the commands had names, still works.
      List<String> rows = status(dir, ports[3], "org.epollservers.cluster.StatusVerticle", "-cluster");
      assertEquals(4, rows.size(), "a header and one row per node: " + rows);
      assertTrue(rows.get(0).startsWith("NODE"), rows.toString());
      assertTrue(rows.stream().anyMatch(r -> r.matches(".*" + nodeOf(a) + " +servers +epoll .*")), rows.toString());
      assertTrue(rows.stream().anyMatch(r -> r.matches(".*" + nodeOf(b) + " +servers .*")), rows.toString());
      assertTrue(rows.stream().anyMatch(r -> r.matches(".*" + nodeOf(tail) + " +tail .*")), rows.toString());

      // A stopped tail (SIGSTOP) costs only its own feed: A keeps printing everything and counts what the tail missed.
      signal("STOP", tail);
      int stalledFrom = 0;
      for (int i = 0; i < 3000; i++) {
        stalledFrom = sendDatagram(udpA, "while the tail sleeps " + i);
        if (i % 500 == 499) {
          String last = "while the tail sleeps " + i;
          a.awaitStdout(Pattern.compile(Pattern.quote(last) + "$"));
        }
      }
      assertTrue(a.stdout().stream().filter(l -> l.contains(" while the tail sleeps ")).count() == 3000, "A printed all 3000");
      assertArrayEquals(SEED_RESPONSE, request(a.tcpPort()), "A answers TCP while its feed's subscriber sleeps");
      signal("CONT", tail);
      // Stopped past the heartbeat timeout (a loaded machine can take that long to send the 3000), the tail rejoins and
      // subscribes again within about 10 s: what it missed before then is not owed to it, so ask again until it prints.
      awaitFeed(tail, a, udpA, "the tail is back");
      List<String> dropped = status(dir, ports[3]);
      assertTrue(dropped.stream().anyMatch(r -> r.matches(".*" + nodeOf(a) + " +servers .* [1-9]\\d*$")),
        "A counted feed drops while the tail slept: " + dropped);

      b.kill();
      assertArrayEquals(SEED_RESPONSE, request(a.tcpPort()), "A keeps serving TCP after B is killed");
      from = sendDatagram(udpA, "after kill");
      tail.awaitStdout(Pattern.compile(Pattern.quote(nodeOf(a) + " 127.0.0.1 " + from + " after kill")));

      AppProcess b2 = servers(dir, ports[1]);
      b2.udpPort();
      b2.awaitStderr(Pattern.compile("started in \\d+ ms"));
      b2.awaitStderr(Pattern.compile("feed: subscriber \\S+ joined"));
      List<String> after = status(dir, ports[4]);
      assertTrue(after.stream().anyMatch(r -> r.contains(nodeOf(b2) + " ")), "the restarted node rejoins: " + after);
      assertTrue(after.stream().anyMatch(r -> r.contains(nodeOf(a) + " ")), after.toString());
      assertTrue(after.stream().noneMatch(r -> r.contains(nodeOf(b) + " ")), "the killed node is gone: " + after);
      from = sendDatagram(b2.udpPort(), "rejoined");
      tail.awaitStdout(Pattern.compile(Pattern.quote(nodeOf(b2) + " 127.0.0.1 " + from + " rejoined")));
    } finally {
      started.forEach(AppProcess::close);
    }
  }
}

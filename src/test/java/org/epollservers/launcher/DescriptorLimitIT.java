package org.epollservers.launcher;

import io.vertx.core.json.JsonObject;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.EPHEMERAL;
import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.epollservers.launcher.LauncherIT.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Both TCP paths when the process runs out of file descriptors: straight from epoll, and Vert.x's NetServer on nio. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads CPU time from /proc and limits descriptors with bash ulimit")
class DescriptorLimitIT {

  /** CPU time of a process in clock ticks (utime + stime), from /proc. */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readAllLines(Path.of("/proc/" + pid + "/stat")).get(0);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"epoll", "nio", "io_uring"})
  @DisplayName("out of file descriptors, the server pauses accepting instead of spinning, says so, and recovers")
  void outOfDescriptors(String path, @TempDir Path dir) throws Exception {
    JsonObject settings = new JsonObject(EPHEMERAL);
    if (path.equals("io_uring")) {
      assumeTrue(IoUring.isAvailable(), "io_uring is not available here");
      settings.getJsonObject("tcp").put("acceptor", "io_uring");
    } else {
      settings.put("transport", path);
    }
    String conf = settings.encode();
    try (AppProcess app = AppProcess.startWithOpenFileLimit(dir, 120, "-conf", conf)) {
      int tcp = app.tcpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      List<Socket> held = new ArrayList<>();
      try {
        // More connections than the server has descriptors left: the rest wait in the kernel's backlog.
        for (int i = 0; i < 200; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcp);
          OutputStream out = socket.getOutputStream();
          out.write("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
          held.add(socket);
        }
        // Said by the epoll fast path ("tcp accept failed: … pausing accepts") or by Netty under Vert.x's NetServer.
        app.awaitStderr(Pattern.compile("Too many open files"));
        // A loop retrying accept at once burns a whole core, about 100 ticks a second, in every second; start-up work
        // (the JIT, the first warnings) can take a burst too, so the quietest of three seconds is what counts.
        long quietest = Long.MAX_VALUE;
        for (int second = 0; second < 3; second++) {
          long before = cpuTicks(app.pid());
          Thread.sleep(1_000);
          quietest = Math.min(quietest, cpuTicks(app.pid()) - before);
        }
        assertTrue(quietest < 25, "the server used at least " + quietest + " clock ticks a second while out of descriptors");
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
      Thread.sleep(500);
      assertArrayEquals(SEED_RESPONSE, request(tcp));
    }
  }
}

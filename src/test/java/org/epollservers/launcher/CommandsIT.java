package org.epollservers.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.EPHEMERAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands and options a person types, -h, the answers to mistakes, and the exit codes -h promises. */
class CommandsIT {

  @Test
  @DisplayName("-h prints on stdout the commands, the options, APP_ENV, the variables' reference and every exit code")
  void help(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, "-h")) {
      assertEquals(0, app.awaitExit(), app.stderr().toString());
      String text = String.join("\n", app.stdout());
      for (String command : List.of("serve", "status", "tail", "config", "<verticle class>")) {
        assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(command) + " ").matcher(text).find(), command + " in\n" + text);
      }
      for (String word : List.of("-conf", "-instances", "-cluster", "-cluster-host", "-cluster-port", "-options",
        "APP_ENV", "LOG_FORMAT", "NODE_ID", "STATUS_WAIT_MILLIS", "docs/configuration.md")) {
        assertTrue(text.contains(word), word + " in\n" + text);
      }
      for (int code : List.of(0, 1, 2, 11, 15, Main.EXIT_IO, Main.EXIT_CONFIG, 130, 143)) {
        assertTrue(Pattern.compile("(?m)^  " + code + " +\\S").matcher(text).find(), "exit code " + code + " in\n" + text);
      }
      assertTrue(app.stderr().isEmpty(), app.stderr().toString());
    }
  }

  @Test
  @DisplayName("an unknown option or command, or a missing value, is answered in one line on stderr with exit 2")
  void badArguments(@TempDir Path dir) throws Exception {
    Map<List<String>, String> mistakes = Map.of(
      List.of("-nope"), "unknown option -nope",
      List.of("stats"), "unknown command 'stats'",
      List.of("-conf"), "-conf needs a value",
      List.of("status", "-cluster-port", "x"), "-cluster-port must be a port number");
    for (Map.Entry<List<String>, String> mistake : mistakes.entrySet()) {
      try (AppProcess app = AppProcess.start(dir, mistake.getKey().toArray(String[]::new))) {
        assertEquals(2, app.awaitExit(), app.stderr().toString());
        List<String> errors = app.stderr();
        assertTrue(errors.size() >= 1 && errors.size() <= 2, "one or two lines: " + errors);
        assertTrue(errors.get(0).contains(mistake.getValue()) && errors.get(0).contains("-h"), errors.toString());
        assertTrue(app.stdout().isEmpty(), app.stdout().toString());
      }
    }
  }

  @Test
  @DisplayName("config prints the effective configuration as JSON, after every layer, and exits 0 without binding")
  void config(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("config", "-conf", "{\"tcp\":{\"port\":1234}}",
      "-instances", "2"), Map.of("TCP_RESPONSE_BODY", "from env var"))) {
      assertEquals(0, app.awaitExit(), app.stderr().toString());
      JsonObject effective = new JsonObject(String.join("\n", app.stdout()));
      assertEquals(1234, effective.getJsonObject("tcp").getInteger("port"));
      assertEquals("from env var", effective.getJsonObject("tcp").getJsonObject("response").getString("body"));
      assertEquals(2, effective.getInteger("instances"));
      assertEquals("auto", effective.getString("transport"), "defaults fill the rest");
      assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening")), app.stderr().toString());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("Ctrl-C (SIGINT) stops the servers gracefully with exit 130")
  void sigint(@TempDir Path dir) throws Exception {
    try (AppProcess app = AppProcess.startInterruptible(dir, "-conf", EPHEMERAL)) {
      int udp = app.udpPort();
      app.awaitStderr(Pattern.compile("started in \\d+ ms"));
      int from = LauncherIT.sendDatagram(udp, "before ctrl-c");
      app.awaitStdout(Pattern.compile(Pattern.quote("127.0.0.1 " + from + " before ctrl-c")));
      assertEquals(130, app.interrupt(), "128 + SIGINT's 2: " + app.stderr());
      assertTrue(app.stderr().stream().anyMatch(l -> l.contains("udp stopped: 1 datagrams received, 1 printed, 0 dropped")),
        app.stderr().toString());
    }
  }

  @Test
  @DisplayName("Vert.x that cannot start, here for a taken event-bus port, exits 11")
  void vertxCannotStart(@TempDir Path dir) throws Exception {
    int member;
    try (ServerSocket free = new ServerSocket(0)) {
      member = free.getLocalPort();
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> env = Map.of("CLUSTER_MEMBERS", "127.0.0.1:" + member, "CLUSTER_INTERFACE", "127.0.0.1",
        "CLUSTER_PORT", String.valueOf(member));
      try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", EPHEMERAL, "-cluster",
        "-cluster-host", "127.0.0.1", "-cluster-port", String.valueOf(taken.getLocalPort())), env)) {
        assertEquals(11, app.awaitExit(), app.stderr().toString());
        assertTrue(app.stderr().stream().anyMatch(l -> l.contains("Vert.x failed to start: ")
          && l.contains("Address already in use")), app.stderr().toString());
        assertTrue(app.stderr().stream().noneMatch(l -> l.contains("listening on")), app.stderr().toString());
      }
    }
  }
}

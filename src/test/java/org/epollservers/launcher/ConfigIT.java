package org.epollservers.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration as the packaged program sees it: the four layers' precedence, and every refusal. */
class ConfigIT {

  @TempDir
  Path dir;

  /** Every port ephemeral, every address loopback, through the variables so the files' layers stay free to test. */
  private static final Map<String, String> EPHEMERAL = Map.of("TCP_HOST", "127.0.0.1", "TCP_PORT", "0",
    "UDP_HOST", "127.0.0.1", "UDP_PORT", "0", "ADMIN_PORT", "0");

  /** The built-in default body, 1024 bytes of H. */
  private static final String DEFAULT_BODY = "H".repeat(1024);

  @BeforeEach
  void layers() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    write("conf/it.json", "{\"tcp\":{\"response\":{\"body\":\"from env file\"}}}");
    write("override.json", "{\"tcp\":{\"response\":{\"body\":\"from -conf\"}}}");
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
  }

  /** The given variables over {@link #EPHEMERAL}. */
  private static Map<String, String> ephemeral(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(EPHEMERAL);
    all.putAll(env);
    return all;
  }

  /** Starts the jar and returns the body of the canned response it serves. */
  private String body(List<String> jvmArgs, List<String> args, Map<String, String> env) throws Exception {
    try (AppProcess app = AppProcess.start(dir, jvmArgs, args, ephemeral(env))) {
      String response = new String(LauncherIT.request(app.tcpPort()), StandardCharsets.UTF_8);
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  @DisplayName("defaults < conf/<APP_ENV>.json < environment variables < -conf")
  void precedence() throws Exception {
    assertEquals(DEFAULT_BODY, body(List.of(), List.of(), Map.of()));
    assertEquals("from env file", body(List.of(), List.of(), Map.of("APP_ENV", "it")));
    assertEquals("from env file", body(List.of("-Dapp.env=it"), List.of(), Map.of()));
    assertEquals("from env var", body(List.of(), List.of(), Map.of("APP_ENV", "it", "TCP_RESPONSE_BODY", "from env var")));
    assertEquals("from -conf", body(List.of(), List.of("-conf", "override.json"),
      Map.of("APP_ENV", "it", "TCP_RESPONSE_BODY", "from env var")));
  }

  /** Runs the jar expecting a refusal: exit code 78, one stderr line naming the source and key, nothing bound. */
  private String refused(List<String> args, Map<String, String> env) throws Exception {
    try (AppProcess app = AppProcess.start(dir, List.of(), args, ephemeral(env))) {
      assertEquals(Main.EXIT_CONFIG, app.awaitExit(), app.stderr().toString());
      List<String> errors = app.stderr();
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(app.stdout().isEmpty(), app.stdout().toString());
      assertTrue(errors.get(0).contains("config refused: "), errors.get(0));
      return errors.get(0);
    }
  }

  @Test
  @DisplayName("a TLS certificate file that cannot be read is refused, naming the key and the file")
  void unreadableTlsFile() throws Exception {
    String line = refused(List.of(), Map.of("TCP_TLS_CERT_FILE", "/nonexistent/cert.pem",
      "TCP_TLS_KEY_FILE", "/nonexistent/key.pem"));
    assertTrue(line.contains("tcp.tls.certFile: cannot read /nonexistent/cert.pem"), line);
  }

  @Test
  @DisplayName("{node} in a response header and the body is served as NODE_ID's value")
  void nodeInResponse() throws Exception {
    write("node.json", "{\"tcp\":{\"response\":{\"headers\":{\"X-Served-By\":\"{node}\"},\"body\":\"from {node}\"}}}");
    Map<String, String> env = ephemeral(Map.of("NODE_ID", "it-node-3"));
    try (AppProcess app = AppProcess.start(dir, List.of(), List.of("-conf", "node.json"), env)) {
      String response = new String(LauncherIT.request(app.tcpPort()), StandardCharsets.UTF_8);
      assertTrue(response.contains("\r\nX-Served-By: it-node-3\r\n"), response);
      assertTrue(response.endsWith("\r\nContent-Length: 14\r\n\r\nfrom it-node-3"), response);
    }
  }

  @Test
  @DisplayName("an unknown key in -conf is refused, naming the file and the key")
  void unknownKey() throws Exception {
    write("typo.json", "{\"tcp\":{\"prot\":8080}}");
    String line = refused(List.of("-conf", "typo.json"), Map.of());
    assertTrue(line.contains("-conf typo.json: tcp.prot: unknown key"), line);
  }

  @Test
  @DisplayName("a wrong type in the environment file is refused, naming the file and the key")
  void wrongTypeInEnvFile() throws Exception {
    write("conf/it.json", "{\"udp\":{\"port\":\"1234\"}}");
    String line = refused(List.of(), Map.of("APP_ENV", "it"));
    assertTrue(line.contains("conf/it.json (APP_ENV=it): udp.port: must be an integer from 0 to 65535"), line);
  }

  @Test
  @DisplayName("a port outside 0-65535 from an environment variable is refused, naming the variable and the key")
  void portOutOfRange() throws Exception {
    String line = refused(List.of(), Map.of("TCP_PORT", "70000"));
    assertTrue(line.contains("environment TCP_PORT: tcp.port: must be an integer from 0 to 65535, got 70000"), line);
  }

  @Test
  @DisplayName("a missing -conf file is refused instead of running on defaults")
  void missingConf() throws Exception {
    String line = refused(List.of("-conf", "nope.json"), Map.of());
    assertTrue(line.contains("-conf nope.json: cannot read the file"), line);
  }

  @Test
  @DisplayName("a malformed -conf file is refused")
  void malformedConf() throws Exception {
    write("broken.json", "{\"tcp\": ");
    String line = refused(List.of("-conf", "broken.json"), Map.of());
    assertTrue(line.contains("-conf broken.json: malformed JSON"), line);
  }

  @Test
  @DisplayName("a missing or malformed environment file is refused")
  void badEnvFile() throws Exception {
    String missing = refused(List.of(), Map.of("APP_ENV", "staging"));
    assertTrue(missing.contains("conf/staging.json (built into the jar) (APP_ENV=staging): cannot read the file"), missing);
    write("conf/it.json", "{oops}");
    String malformed = refused(List.of(), Map.of("APP_ENV", "it"));
    assertTrue(malformed.contains("conf/it.json (APP_ENV=it): malformed JSON"), malformed);
  }

  @Test
  @DisplayName("a conf/config.json left in the working directory is refused, not silently ignored")
  void retiredDefaultsFile() throws Exception {
    write("conf/config.json", "{\"tcp\":{\"port\":8080}}");
    String line = refused(List.of(), Map.of());
    assertTrue(line.contains("conf/config.json: no longer read"), line);
  }

  @Test
  @DisplayName("a taken port stops the start with a non-zero exit naming the port")
  void takenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      try (AppProcess app = AppProcess.start(dir, List.of(), List.of(), ephemeral(Map.of("TCP_PORT", String.valueOf(port))))) {
        assertEquals(15, app.awaitExit(), app.stderr().toString());
        List<String> errors = app.stderr();
        assertTrue(errors.stream().anyMatch(l -> l.contains("start failed: tcp.port " + port + " on 127.0.0.1 cannot be bound")),
          errors.toString());
        assertTrue(errors.stream().noneMatch(l -> l.contains("udp listening") || l.contains("Unhandled")), errors.toString());
      }
    }
  }
}

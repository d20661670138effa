package org.epollservers;

import org.epollservers.config.Setting;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No Docker engine runs here: these checks keep the Dockerfile and compose file in step with the pom and the config. */
class DockerfileTest {

  private static String read(String file) throws Exception {
    return Files.readString(Path.of(file));
  }

  private static String pomJarName() throws Exception {
    Matcher matcher = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+)\\.jar</outputFile>").matcher(read("pom.xml"));
    assertTrue(matcher.find());
    return matcher.group(1);
  }

  private static int defaultPort(Setting setting) {
    return (Integer) setting.defaultValue();
  }

  @Test
  @DisplayName("the image copies the jar the pom builds and runs it in exec form")
  void jarPath() throws Exception {
    String dockerfile = read("Dockerfile");
    String jar = pomJarName() + ".jar";
    assertTrue(dockerfile.contains("COPY --from=build /src/target/" + jar + " /app/" + jar), "jar path drifted from the pom");
    // Exec form: java first, JVM options only, then the jar (no shell between the engine's SIGTERM and the JVM).
    Pattern entry = Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", (\"-X[^\"]+\", )*\"-jar\", \"/app/" + Pattern.quote(jar) + "\"\\]$");
    assertTrue(entry.matcher(dockerfile).find(), "entry must be exec form on the jar");
  }

  @Test
  @DisplayName("JVM flags ride in the entry, not in JAVA_TOOL_OPTIONS (no 'Picked up' line), and VM output stays off stdout")
  void jvmFlags() throws Exception {
    String dockerfile = read("Dockerfile");
    Matcher entry = Pattern.compile("(?m)^ENTRYPOINT (.+)$").matcher(dockerfile);
    assertTrue(entry.find());
    assertFalse(dockerfile.contains("JAVA_TOOL_OPTIONS="), "the JVM announces JAVA_TOOL_OPTIONS at every start");
    for (String flag : List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
      "-Xlog:all=warning:stderr", "-XX:SharedArchiveFile=/app/epoll-servers.jsa")) {
      assertTrue(entry.group(1).contains("\"" + flag + "\""), flag);
    }
  }

  @Test
  @DisplayName("EXPOSE lists the default TCP, UDP (/udp), admin and cluster ports of the defaults (Setting)")
  void ports() throws Exception {
    Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(read("Dockerfile"));
    assertTrue(expose.find());
    List<String> exposed = Arrays.asList(expose.group(1).trim().split("\\s+"));
    assertTrue(exposed.contains(String.valueOf(defaultPort(Setting.TCP_PORT))), exposed.toString());
    assertTrue(exposed.contains(defaultPort(Setting.UDP_PORT) + "/udp"), exposed.toString());
    assertTrue(exposed.contains(String.valueOf(defaultPort(Setting.ADMIN_PORT))), exposed.toString());
    assertTrue(exposed.contains(String.valueOf(defaultPort(Setting.CLUSTER_PORT))), exposed.toString());
    assertTrue(read("Dockerfile").contains("/dev/tcp/127.0.0.1/" + defaultPort(Setting.ADMIN_PORT)), "health check port drifted");
    Matcher eventBus = Pattern.compile("\"-cluster-port\", \"(\\d+)\"").matcher(read("docker-compose.yml"));
    assertTrue(eventBus.find(), "compose gives the event bus a port");
    assertTrue(exposed.contains(eventBus.group(1)), "EXPOSE lacks the event-bus port " + eventBus.group(1));
  }

  @Test
  @DisplayName("conf/ lands where the program looks for it, and the profile the image selects exists")
  void configPaths() throws Exception {
    String dockerfile = read("Dockerfile");
    assertTrue(dockerfile.contains("WORKDIR /app"));
    assertTrue(dockerfile.contains("COPY conf /app/conf"));
    Matcher env = Pattern.compile("APP_ENV=(\\w+)").matcher(dockerfile);
    assertTrue(env.find());
    assertTrue(Files.isRegularFile(Path.of("conf", env.group(1) + ".json")), "conf/" + env.group(1) + ".json is missing");
    assertTrue(read("docker-compose.yml").contains("APP_ENV: " + env.group(1)));
  }

  @Test
  @DisplayName("the runtime is a glibc JRE run as a non-root user, with a health check and a memory-relative heap")
  void runtime() throws Exception {
    String dockerfile = read("Dockerfile");
    List<String> froms = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
    assertEquals(2, froms.size(), "multi-stage: build and runtime");
    assertFalse(froms.get(1).contains("alpine"), "native epoll needs glibc");
    assertTrue(dockerfile.indexOf("COPY pom.xml") < dockerfile.indexOf("dependency:go-offline")
      && dockerfile.indexOf("dependency:go-offline") < dockerfile.indexOf("COPY src"), "dependencies cached before sources");
    assertTrue(Pattern.compile("(?m)^USER (?!root)\\w+").matcher(dockerfile).find());
    assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/health/ready"));
    assertTrue(dockerfile.contains("-XX:MaxRAMPercentage="));
  }

  @Test
  @DisplayName("compose publishes each node's container ports as the config's defaults")
  void composePorts() throws Exception {
    String compose = read("docker-compose.yml");
    for (String node : new String[] {"node1", "node2", "node3"}) {
      assertTrue(compose.contains("  " + node + ":"), node);
    }
    assertEquals(3, Pattern.compile(":" + defaultPort(Setting.TCP_PORT) + "\"").matcher(compose).results().count());
    assertEquals(3, Pattern.compile(":" + defaultPort(Setting.UDP_PORT) + "/udp\"").matcher(compose).results().count());
    assertEquals(3, Pattern.compile(":" + defaultPort(Setting.ADMIN_PORT) + "\"").matcher(compose).results().count());
    assertTrue(compose.contains("command: [\"tail\", "), "the compose file runs the tail command");
    // Published ports bind loopback only.
    List<String> published = Pattern.compile("\"([^\"]*):(\\d+)(/udp)?\"").matcher(compose).results()
      .filter(m -> m.group(1).matches(".*\\d+")).map(m -> m.group()).toList();
    assertEquals(9, published.size(), published.toString());
    published.forEach(port -> assertTrue(port.startsWith("\"127.0.0.1:"), port));
  }
}

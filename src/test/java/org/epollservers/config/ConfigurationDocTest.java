package org.epollservers.config;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/configuration.md is what {@link Setting} generates, so the reference cannot drift from the code. */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("docs/configuration.md");
  private static final Path GENERATED = Path.of("target/configuration.md");

  @Test
  @DisplayName("docs/configuration.md is generated from Setting (-Dregenerate=true rewrites it)")
  void docMatchesSettings() throws Exception {
    String expected = render();
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(DOC, expected);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC) : "";
    if (!expected.equals(actual)) {
      Files.createDirectories(GENERATED.getParent());
      Files.writeString(GENERATED, expected);
    }
    assertTrue(expected.equals(actual), DOC + " differs from what Setting generates from line " + firstDifference(expected, actual)
      + "; regenerate it with `cp " + GENERATED + " " + DOC + "` (just written) or "
      + "`mvn -o -q test -Dtest=ConfigurationDocTest -Dregenerate=true`");
  }

  private static int firstDifference(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> have = actual.lines().toList();
    int line = 0;
    while (line < want.size() && line < have.size() && want.get(line).equals(have.get(line))) {
      line++;
    }
    return line + 1;
  }

  @Test
  @DisplayName("the reference has a row for every setting, with its environment variable")
  void everySettingDocumented() throws Exception {
    String doc = Files.readString(DOC);
    for (Setting setting : Setting.values()) {
      String row = "| `" + setting.key() + "` |";
      String line = doc.lines().filter(l -> l.startsWith(row)).findFirst().orElse(null);
      assertTrue(line != null, DOC + " lacks a row for " + setting.key());
      setting.environmentVariable().ifPresent(name -> assertTrue(line.contains("`" + name + "`"), setting.key() + " row lacks " + name));
    }
  }

  /** The whole reference page: how the layers combine, what a refusal looks like, then a table per section. */
  static String render() {
    StringBuilder doc = new StringBuilder("""
      # Configuration

      <!-- Generated from src/main/java/org/epollservers/config/Setting.java by ConfigurationDocTest; edit the settings
      there, not this file. -->

      Settings come from four layers; each later layer overrides single keys of the earlier ones (objects merge):

      1. The defaults below, built into the program (`Setting`).
      2. `conf/<env>.json` when an environment name is given by `APP_ENV` or `-Dapp.env` (the property wins), read
         from the working directory when it has the file, otherwise from the copy packed into the jar. Shipped:
         `conf/dev.json`, `conf/prod.json`, `conf/cluster.json`.
      3. Environment variables, one key each: the key in upper snake case (`tcp.maxConnectionsPerClient` is
         `TCP_MAX_CONNECTIONS_PER_CLIENT`), named in the tables; a key that holds an object has none.
      4. The launcher's `-conf`: a JSON file, or inline JSON.

      Everything is checked before anything binds. An unknown key, a wrong type, a value out of range, a missing or
      malformed `-conf` or environment file, a `conf/config.json` (which held the defaults before they were built
      in) in the working directory: the program prints one line naming the file (or variable) and the key,
      with anything it repeats escaped, and exits with code 78 (EX_CONFIG), e.g.

      ```
      """);
    doc.append("ERROR [Main] config refused: ").append(refusal("{\"tcp\":{\"prot\":8080}}", "-conf typo.json")).append("\n```\n\n");
    doc.append("Durations are a whole number and a unit: `500ms`, `10s`, `2m`.\n");
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      int dot = setting.key().lastIndexOf('.');
      String section = dot < 0 ? "Top level" : "`" + setting.key().substring(0, dot) + "`";
      sections.computeIfAbsent(section, s -> new StringBuilder()).append(row(setting));
    }
    sections.forEach((section, rows) -> doc.append("\n## ").append(section).append("\n\n")
      .append("| Key | Default | Accepts | Environment variable | Meaning |\n|---|---|---|---|---|\n").append(rows));
    return doc.toString();
  }

  private static String row(Setting setting) {
    String variable = setting.environmentVariable().map(name -> "`" + name + "`").orElse("(none)");
    return "| `" + setting.key() + "` | `" + Json.encode(setting.defaultValue()) + "` | " + setting.accepts() + " | "
      + variable + " | " + setting.meaning() + " |\n";
  }

  private static String refusal(String json, String source) {
    return assertThrows(ConfigException.class, () -> ConfigValidator.check(new JsonObject(json), source)).getMessage();
  }
}

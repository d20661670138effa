package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/** Checks one configuration source, whole or partial, against {@link Setting}: unknown keys and bad values. */
public final class ConfigValidator {

  private ConfigValidator() {
  }

  /**
   * Refuses the first unknown key or bad value in {@code json}.
   *
   * @param source names the origin in the refusal, such as {@code conf/dev.json}
   * @throws ConfigException naming the source and the dotted key
   */
  public static void check(JsonObject json, String source) {
    checkSection(json, "", source);
  }

  private static void checkSection(JsonObject section, String path, String source) {
    for (Map.Entry<String, Object> entry : section) {
      String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      Setting setting = Setting.forKey(key).orElse(null);
      if (setting != null) {
        setting.check(entry.getValue(), source);
      } else if (!key.isEmpty() && !childrenOf(key).isEmpty()) {
        if (!(entry.getValue() instanceof JsonObject child)) {
          throw new ConfigException(source, key, "must be an object with keys " + childrenOf(key));
        }
        checkSection(child, key, source);
      } else {
        String where = path.isEmpty() ? "the top level" : path;
        throw new ConfigException(source, key, "unknown key; " + where + " has " + childrenOf(path));
      }
    }
  }

  /** The keys directly under a section ({@code ""} is the top level), sorted and comma-separated; empty for none. */
  private static String childrenOf(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    TreeSet<String> children = new TreeSet<>();
    Arrays.stream(Setting.values()).map(Setting::key).filter(k -> k.startsWith(prefix))
      .map(k -> k.substring(prefix.length()).split("\\.")[0]).forEach(children::add);
    return String.join(", ", children);
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;

/** Checks one configuration source, whole or partial, for unknown keys and wrongly typed values. */
public final class ConfigValidator {

  private static final Set<String> SECTIONS = Setting.sections();

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
        String problem = setting.type().problemWith(entry.getValue());
        if (problem != null) {
          throw new ConfigException(source, key, problem);
        }
      } else if (SECTIONS.contains(key)) {
        if (!(entry.getValue() instanceof JsonObject child)) {
          throw new ConfigException(source, key, "must be an object with keys " + String.join(", ", Setting.childrenOf(key)));
        }
        checkSection(child, key, source);
      } else {
        String where = path.isEmpty() ? "the top level" : path;
        throw new ConfigException(source, key, "unknown key; " + where + " has " + String.join(", ", Setting.childrenOf(path)));
      }
    }
  }
}

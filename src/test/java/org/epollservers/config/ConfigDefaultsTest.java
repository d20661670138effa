package org.epollservers.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConfigDefaultsTest {

  @Test
  @DisplayName("the built-in defaults pass their own checks, and no defaults file shadows them")
  void defaultsAreValid() {
    ConfigValidator.check(Setting.defaults(), "defaults");
    assertFalse(Files.exists(Path.of("conf/config.json")), "the defaults live in Setting; conf/ holds overrides only");
  }

  @Test
  @DisplayName("each key's environment variable is the key in upper snake case, and objects have none")
  void variablesFollowKeys() {
    for (Setting setting : Setting.values()) {
      String expected = setting.key().replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
      Object value = setting.defaultValue();
      assertEquals(value instanceof JsonObject ? Optional.empty() : Optional.of(expected), setting.environmentVariable());
    }
    assertEquals(Optional.of("TCP_MAX_CONNECTIONS_PER_CLIENT"), Setting.TCP_MAX_CONNECTIONS_PER_CLIENT.environmentVariable());
  }

  @Test
  @DisplayName("the shipped environment files are valid partial configurations")
  void environmentFilesAreValid() throws Exception {
    for (String env : new String[] {"dev", "prod", "cluster"}) {
      JsonObject file = new JsonObject(Files.readString(Path.of("conf/" + env + ".json")));
      AppConfig.fromJson(file, "conf/" + env + ".json");
    }
  }

  @Test
  @DisplayName("an empty configuration means the seed's servers: 0.0.0.0:8080 TCP and 0.0.0.0:1234 UDP")
  void emptyMeansSeedDefaults() {
    AppConfig config = AppConfig.fromJson(new JsonObject(), "test");
    assertEquals(TransportChoice.AUTO, config.transport());
    assertEquals("0.0.0.0", config.tcp().endpoint().host());
    assertEquals(8080, config.tcp().endpoint().port());
    assertEquals("0.0.0.0", config.udp().endpoint().host());
    assertEquals(1234, config.udp().endpoint().port());
    assertEquals(1024, config.tcp().response().body().size());
  }
}

package org.epollservers.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @Test
  @DisplayName("defaults < environment file < environment variables < -conf, key by key")
  void precedence(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path conf = dir.resolve("override.json");
    Files.writeString(conf, "{\"udp\":{\"port\":7000}}");
    // conf/dev.json sets both hosts to 127.0.0.1; the variables then move the TCP host and both ports.
    Map<String, String> env = Map.of("TCP_HOST", "::1", "TCP_PORT", "9000", "UDP_PORT", "9001");
    new ConfigLoader(vertx, env).load("dev", conf.toString()).onComplete(test.succeeding(loaded -> test.verify(() -> {
      AppConfig config = loaded.config();
      assertEquals("::1", config.tcp().endpoint().host());
      assertEquals(9000, config.tcp().endpoint().port());
      assertEquals("127.0.0.1", config.udp().endpoint().host());
      assertEquals(7000, config.udp().endpoint().port());
      assertEquals(1024, config.tcp().response().body().size());
      assertEquals(List.of("defaults", "conf/dev.json (APP_ENV=dev)", "environment TCP_HOST",
        "environment TCP_PORT", "environment UDP_PORT", "-conf " + conf), loaded.sources());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("inline JSON is accepted for -conf, as the launcher allows")
  void inlineConf(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of()).load(null, "{\"tcp\":{\"port\":0}}").onComplete(test.succeeding(loaded -> test.verify(() -> {
      assertEquals(0, loaded.config().tcp().endpoint().port());
      assertEquals(new JsonObject().put("port", 0).getInteger("port"), loaded.json().getJsonObject("tcp").getInteger("port"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a bad environment variable is refused by its name")
  void badVariable(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of("UDP_PORT", "seventy")).load(null, null).onComplete(test.failing(e -> test.verify(() -> {
      ConfigException refused = assertInstanceOf(ConfigException.class, e);
      assertEquals("environment UDP_PORT", refused.source());
      assertEquals("udp.port", refused.key());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("UDP_ALLOW is comma-separated; a bad entry in it is refused by the variable's name")
  void allowVariable(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of("UDP_ALLOW", " 127.0.0.1/32, ::1 ,")).load(null, null).compose(loaded -> {
      test.verify(() -> assertEquals("[127.0.0.1/32, 0:0:0:0:0:0:0:1/128]", loaded.config().udp().senders().allow().toString()));
      return new ConfigLoader(vertx, Map.of("UDP_ALLOW", "127.0.0.1,10.0.0.0/40")).load(null, null);
    }).onComplete(test.failing(e -> test.verify(() -> {
      ConfigException refused = assertInstanceOf(ConfigException.class, e);
      assertEquals("environment UDP_ALLOW", refused.source());
      assertEquals("udp.allow", refused.key());
      assertTrue(refused.getMessage().contains("\"10.0.0.0/40\""), refused.getMessage());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a missing or malformed -conf file is refused, not ignored")
  void badConfFiles(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path malformed = dir.resolve("bad.json");
    Files.writeString(malformed, "{\"tcp\": {\"port\": 80,}");
    ConfigLoader loader = new ConfigLoader(vertx, Map.of());
    loader.load(null, dir.resolve("missing.json").toString()).onComplete(test.failing(missing -> {
      loader.load(null, malformed.toString()).onComplete(test.failing(bad -> test.verify(() -> {
        assertTrue(missing.getMessage().startsWith("-conf " + dir.resolve("missing.json") + ": cannot read"), missing.getMessage());
        assertTrue(bad.getMessage().startsWith("-conf " + malformed + ": malformed JSON"), bad.getMessage());
        test.completeNow();
      })));
    }));
  }

  @Test
  @DisplayName("an environment name that could escape conf/ is refused")
  void badEnvironmentName(Vertx vertx, VertxTestContext test) {
    new ConfigLoader(vertx, Map.of()).load("../etc/passwd", null).onComplete(test.failing(e -> test.verify(() -> {
      assertEquals("APP_ENV", assertInstanceOf(ConfigException.class, e).source());
      test.completeNow();
    })));
  }
}

package org.epollservers.launcher;

import ch.qos.logback.classic.Level;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import org.epollservers.LogCapture;
import org.epollservers.config.AppConfig;
import org.epollservers.config.LoadedConfig;
import org.epollservers.health.ServerHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the launcher's hooks say when a start fails, and when a stop cuts a start short. */
class LauncherHooksTest {

  private final LogCapture capture = LogCapture.attach(LauncherHooks.class.getName());
  private Vertx vertx;
  private HookContext context;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    Vertx running = vertx;
    context = new HookContext() {
      @Override
      public VertxOptions vertxOptions() {
        return new VertxOptions();
      }

      @Override
      public Vertx vertx() {
        return running;
      }

      @Override
      public String mainVerticle() {
        return ServersVerticle.class.getName();
      }

      @Override
      public DeploymentOptions deploymentOptions() {
        return new DeploymentOptions();
      }

      @Override
      public String deploymentId() {
        return null;
      }
    };
  }

  @AfterEach
  void tearDown() {
    capture.detach();
    vertx.close().await();
  }

  private static LauncherHooks hooks() {
    JsonObject json = new JsonObject();
    return new LauncherHooks(new LoadedConfig(json, AppConfig.fromJson(json, "test"), List.of("test")), false, null);
  }

  @Test
  @DisplayName("a deployment that fails on its own is an error that names the cause")
  void failedStartIsAnError() {
    hooks().afterFailureToDeployVerticle(context, new VertxException("tcp.port 8080 on 127.0.0.1 cannot be bound"));

    assertEquals(1, capture.events().size(), capture.events().toString());
    assertEquals(Level.ERROR, capture.events().get(0).getLevel());
    assertEquals("start failed: tcp.port 8080 on 127.0.0.1 cannot be bound", capture.events().get(0).getFormattedMessage());
  }

  @Test
  @DisplayName("a deployment cut short by SIGTERM is told as a stop, not as a failed start")
  void stopDuringStartIsNoError() {
    LauncherHooks hooks = hooks();
    hooks.beforeStoppingVertx(context);
    hooks.afterFailureToDeployVerticle(context, new VertxException("Verticle un-deployed", true));

    assertEquals(1, capture.events().size(), capture.events().toString());
    assertEquals(Level.INFO, capture.events().get(0).getLevel());
    assertEquals("stopped before the start had finished (Verticle un-deployed)", capture.events().get(0).getFormattedMessage());
    assertFalse(ServerHealth.of(vertx).ready(), "the readiness probe says not ready once the stop began");
  }
}

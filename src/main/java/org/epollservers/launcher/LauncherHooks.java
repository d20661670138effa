package org.epollservers.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.epollservers.config.LoadedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** Applies the already validated configuration to the launcher: transport, verticle config and instances. */
final class LauncherHooks implements VertxApplicationHooks {

  private static final Logger LOG = LoggerFactory.getLogger(LauncherHooks.class);

  private final LoadedConfig loaded;
  private final TransportSelector transport;

  LauncherHooks(LoadedConfig loaded) {
    this.loaded = loaded;
    this.transport = new TransportSelector(loaded.config().transport());
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return transport.builder(options);
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    LOG.info("transport {}", transport.describe(context.vertx()));
  }

  @Override
  public void beforeDeployingVerticle(HookContext context) {
    DeploymentOptions deployment = context.deploymentOptions();
    JsonObject config = loaded.json().copy();
    // -instances multiplies the main verticle; for the pair of servers it means TCP instances, as UDP binds once.
    if (ServersVerticle.class.getName().equals(context.mainVerticle()) && deployment.getInstances() > 1) {
      JsonObject tcp = config.getJsonObject("tcp", new JsonObject());
      config.put("tcp", tcp.put("instances", deployment.getInstances()));
      deployment.setInstances(1);
    }
    deployment.setConfig(config);
  }

  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable cause) {
    LOG.error("Vert.x failed to start: {}", Messages.causes(cause));
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable cause) {
    LOG.error("start failed: {}", Messages.causes(cause));
  }
}

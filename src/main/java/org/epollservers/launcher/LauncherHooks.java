package org.epollservers.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.epollservers.cluster.HazelcastSetup;
import org.epollservers.config.LoadedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** Applies the already validated configuration to the launcher: transport, verticle config and instances. */
final class LauncherHooks implements VertxApplicationHooks {

  private static final Logger LOG = LoggerFactory.getLogger(LauncherHooks.class);

  private final LoadedConfig loaded;
  private final TransportSelector transport;
  private final boolean clustered;

  /**
   * @param loaded the validated configuration
   * @param clustered whether {@code -cluster} was given, so Hazelcast is only set up when it will be used
   */
  LauncherHooks(LoadedConfig loaded, boolean clustered) {
    this.loaded = loaded;
    this.clustered = clustered;
    this.transport = new TransportSelector(loaded.config().transport());
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    VertxBuilder builder = transport.builder(options);
    return clustered ? builder.withClusterManager(HazelcastSetup.clusterManager(loaded.config().cluster())) : builder;
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    LOG.info("transport {}", transport.describe(context.vertx()));
  }

  @Override
  public void beforeDeployingVerticle(HookContext context) {
    DeploymentOptions deployment = context.deploymentOptions();
    JsonObject config = loaded.json().copy();
    // -instances multiplies the main verticle; the pair of servers deploys its instances itself, as UDP needs care.
    if (ServersVerticle.class.getName().equals(context.mainVerticle()) && deployment.getInstances() > 1) {
      config.put("instances", deployment.getInstances());
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

package org.epollservers.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.epollservers.cluster.EventBusTls;
import org.epollservers.cluster.HazelcastSetup;
import org.epollservers.config.LoadedConfig;
import org.epollservers.health.ServerHealth;
import org.epollservers.transport.TransportSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;


/** Applies the already validated configuration to the launcher: transport, verticle config and instances. */
final class LauncherHooks implements VertxApplicationHooks {

  private static final Logger LOG = LoggerFactory.getLogger(LauncherHooks.class);

  private final LoadedConfig loaded;
  private final TransportSelector transport;
  private final boolean clustered;
  private final int instances;

  /**
   * @param loaded the validated configuration
   * @param clustered whether {@code -cluster} was given, so Hazelcast is only set up when it will be used
   * @param instances the {@code -instances} value, or {@code null} for the configuration's
   */
  LauncherHooks(LoadedConfig loaded, boolean clustered, Integer instances) {
    this.loaded = loaded;
    this.clustered = clustered;
    this.instances = instances != null ? instances : loaded.config().instances();
    this.transport = new TransportSelector(loaded.config().transport());
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    if (clustered) {
      EventBusTls.apply(loaded.config().cluster().tls(), options.getEventBusOptions());
    }
    // One loop per TCP instance, one per UDP instance and one shared by the deploying verticle and the admin
    // endpoint: Vert.x's default (twice the cores) would start threads that nothing ever runs on.
    options.setEventLoopPoolSize(2 * instances + 1);
    VertxBuilder builder = transport.builder(options);
    return clustered ? builder.withClusterManager(HazelcastSetup.clusterManager(loaded.config().cluster())) : builder;
  }

  /** Vert.x's launcher says nothing itself (see logback.xml): what it would have said comes from here, once. */
  @Override
  public void beforeStartingVertx(HookContext context) {
    if (clustered) {
      LOG.info("joining the cluster {} (members {}, interface {})", loaded.config().cluster().name(),
        loaded.config().cluster().members(), loaded.config().cluster().member().host());
    }
  }

  @Override
  public void afterVerticleDeployed(HookContext context) {
    long millis = ProcessHandle.current().info().startInstant()
      .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
    LOG.atInfo().addKeyValue("startMillis", millis).log("started in {} ms", millis);
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    LOG.atInfo().addKeyValue("transport", transport.name(context.vertx()))
      .log("transport {}", transport.describe(context.vertx()));
  }

  /** Runs first at SIGTERM, before any verticle stops: from here on the readiness probe says not ready. */
  @Override
  public void beforeStoppingVertx(HookContext context) {
    ServerHealth.of(context.vertx()).stopping();
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
    if (ServerHealth.of(context.vertx()).isStopping()) {
      // A SIGTERM while starting (a rollout, a scale-down) is an order, not a failure: what was up stops as usual.
      LOG.info("stopped before the start had finished ({})", Messages.causes(cause));
    } else {
      LOG.error("start failed: {}", Messages.causes(cause));
    }
  }
}

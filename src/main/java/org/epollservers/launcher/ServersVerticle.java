package org.epollservers.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.epollservers.admin.AdminVerticle;
import org.epollservers.admin.MetricsRegistry;
import org.epollservers.admin.ServerMetrics;
import org.epollservers.cluster.StatusResponder;
import org.epollservers.config.AppConfig;
import org.epollservers.tcp.TcpVerticle;
import org.epollservers.transport.TransportSelector;
import org.epollservers.udp.UdpTraffic;
import org.epollservers.udp.UdpVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Deploys both servers from one JSON config, {@code instances} of each (TCP instances share one listener; UDP
 * instances share the port through SO_REUSEPORT on a native transport, and are one on nio), then the admin endpoint.
 */
public final class ServersVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ServersVerticle.class);

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "ServersVerticle config").compose(this::deploy);
  }

  private Future<?> deploy(AppConfig config) {
    int udpInstances = vertx.isNativeTransportEnabled() ? config.instances() : 1;
    if (udpInstances < config.instances()) {
      LOG.info("udp runs 1 instance: sharing a UDP port between sockets needs SO_REUSEPORT, which nio lacks");
    }
    // One after the other: a failed start then binds nothing more, and Vert.x never rolls back a child mid-deploy.
    return deployTcp(config).compose(tcp -> deployUdp(config, udpInstances)
      .compose(udp -> deployAdmin(config, tcp))
      .compose(admin -> {
        if (!vertx.isClustered()) {
          return Future.succeededFuture();
        }
        String transport = new TransportSelector(config.transport()).name(vertx);
        return StatusResponder.register(vertx, "servers", transport, tcp.traffic(), UdpTraffic.of(vertx));
      }));
  }

  private Future<?> deployAdmin(AppConfig config, TcpVerticle tcp) {
    if (!config.admin().enabled()) {
      return Future.succeededFuture();
    }
    ServerMetrics.register(MetricsRegistry.prometheus(), tcp.actualPort(), tcp.traffic(), UdpTraffic.of(vertx));
    return vertx.deployVerticle(new AdminVerticle(), new DeploymentOptions().setConfig(config()));
  }

  /**
   * Instances share one listener only when they ask for the same port, and port 0 would give each its own:
   * with several instances, port 0 is first resolved to a free port that they all then use.
   */
  private Future<TcpVerticle> deployTcp(AppConfig config) {
    int port = config.tcp().port();
    Future<JsonObject> json = port != 0 || config.instances() == 1
      ? Future.succeededFuture(config())
      : freePort(config.tcp().host()).map(free -> withPort("tcp", free));
    List<TcpVerticle> created = new CopyOnWriteArrayList<>();
    Supplier<Deployable> verticle = () -> {
      TcpVerticle instance = new TcpVerticle();
      created.add(instance);
      return instance;
    };
    return json.compose(tcp -> vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(tcp).setInstances(config.instances())))
      .map(id -> created.get(0));
  }

  private Future<Integer> freePort(String host) {
    NetServer probe = vertx.createNetServer().connectHandler(NetSocket::close);
    return probe.listen(0, host).compose(bound -> probe.close().map(bound.actualPort()));
  }

  /** Several UDP sockets on one port: all with SO_REUSEPORT, and port 0 taken by the first then shared. */
  private Future<?> deployUdp(AppConfig config, int instances) {
    if (instances == 1) {
      return vertx.deployVerticle(new UdpVerticle(), new DeploymentOptions().setConfig(config()));
    }
    JsonObject shared = config().copy();
    shared.put("udp", shared.getJsonObject("udp", new JsonObject()).copy().put("reusePort", true));
    UdpVerticle first = new UdpVerticle();
    Supplier<Deployable> more = UdpVerticle::new;
    return vertx.deployVerticle(first, new DeploymentOptions().setConfig(shared)).compose(id -> {
      JsonObject pinned = shared.copy();
      pinned.getJsonObject("udp").put("port", first.actualPort());
      return vertx.deployVerticle(more, new DeploymentOptions().setConfig(pinned).setInstances(instances - 1));
    });
  }

  private JsonObject withPort(String section, int port) {
    JsonObject pinned = config().copy();
    pinned.put(section, pinned.getJsonObject(section, new JsonObject()).copy().put("port", port));
    return pinned;
  }
}

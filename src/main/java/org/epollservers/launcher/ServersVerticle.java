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
import org.epollservers.cluster.NodeStatus;
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
 * Deploys both servers from one JSON config, {@code instances} of each on one port apiece (UDP instances share it
 * through SO_REUSEPORT, so on nio one runs), then the admin endpoint.
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
    // UDP comes last, so the work of starting the rest is done before the first datagram can arrive.
    return deployTcp(config).compose(tcp -> deployAdmin(config, tcp)
      .compose(admin -> deployUdp(config, udpInstances))
      .compose(udpDeployed -> {
        if (!vertx.isClustered()) {
          return Future.succeededFuture();
        }
        String transport = new TransportSelector(config.transport()).name(vertx);
        UdpTraffic udp = UdpTraffic.of(vertx);
        return StatusResponder.register(vertx, "servers", transport, () -> new NodeStatus.Udp(udp.receivedCount(),
          udp.deniedCount() + udp.overRateCount(), udp.printedCount(), udp.droppedCount(), udp.kernelDroppedCount(),
          udp.feedDroppedCount()), tcp.traffic());
      }));
  }

  private Future<?> deployAdmin(AppConfig config, TcpVerticle tcp) {
    if (!config.admin().enabled()) {
      return Future.succeededFuture();
    }
    ServerMetrics.register(MetricsRegistry.prometheus(), tcp.actualPort(), tcp.traffic(), UdpTraffic.of(vertx));
    return vertx.deployVerticle(new AdminVerticle(), new DeploymentOptions().setConfig(config()));
  }

  private Future<TcpVerticle> deployTcp(AppConfig config) {
    return deployInstances(TcpVerticle::new, "tcp", config.tcp().endpoint().host(), config.tcp().endpoint().port(), config.instances());
  }

  private Future<UdpVerticle> deployUdp(AppConfig config, int instances) {
    return deployInstances(UdpVerticle::new, "udp", config.udp().endpoint().host(), config.udp().endpoint().port(), instances);
  }

  /**
   * Deploys {@code instances} of a server on one port and returns the first. Port 0 would give each instance a port
   * of its own, so with several it is first resolved to a free port that they all then use.
   */
  private <V extends Deployable> Future<V> deployInstances(Supplier<V> factory, String section, String host, int port,
                                                           int instances) {
    Future<JsonObject> json = port != 0 || instances == 1
      ? Future.succeededFuture(config())
      : freePort(section, host).map(free -> withPort(section, free));
    List<V> created = new CopyOnWriteArrayList<>();
    Supplier<Deployable> instance = () -> {
      V verticle = factory.get();
      created.add(verticle);
      return verticle;
    };
    return json.compose(pinned -> vertx.deployVerticle(instance, new DeploymentOptions().setConfig(pinned).setInstances(instances)))
      .map(id -> created.get(0));
  }

  private Future<Integer> freePort(String section, String host) {
    if (section.equals("udp")) {
      return vertx.createDatagramSocket().listen(0, host)
        .compose(bound -> bound.close().map(bound.localAddress().port()));
    }
    NetServer probe = vertx.createNetServer().connectHandler(NetSocket::close);
    return probe.listen(0, host).compose(bound -> probe.close().map(bound.actualPort()));
  }

  private JsonObject withPort(String section, int port) {
    JsonObject pinned = config().copy();
    pinned.put(section, pinned.getJsonObject(section, new JsonObject()).copy().put("port", port));
    return pinned;
  }
}

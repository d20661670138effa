package org.epollservers.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.epollservers.config.AppConfig;
import org.epollservers.config.TcpConfig;
import org.epollservers.tcp.TcpVerticle;
import org.epollservers.udp.UdpVerticle;

import java.util.function.Supplier;

/** Deploys both servers from one JSON config: {@code tcp.instances} TCP verticles sharing one port and one UDP verticle. */
public final class ServersVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return AppConfig.parse(config(), "ServersVerticle config").compose(this::deploy);
  }

  private Future<String> deploy(AppConfig config) {
    // One after the other: a failed start then binds nothing more, and Vert.x never rolls back a child mid-deploy.
    // A second UDP socket on the same port would fail to bind: one instance receives for the process.
    return deployTcp(config.tcp())
      .compose(tcp -> vertx.deployVerticle(new UdpVerticle(), new DeploymentOptions().setConfig(config())));
  }

  /**
   * Instances share one listener only when they ask for the same port, and port 0 would give each its own:
   * with several instances, port 0 is first resolved to a free port that they all then use.
   */
  private Future<?> deployTcp(TcpConfig tcp) {
    Future<JsonObject> config = tcp.port() != 0 || tcp.instances() == 1
      ? Future.succeededFuture(config())
      : freePort(tcp.host()).map(port -> {
        JsonObject pinned = config().copy();
        pinned.getJsonObject("tcp").put("port", port);
        return pinned;
      });
    Supplier<Deployable> verticle = TcpVerticle::new;
    return config.compose(json -> vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(json).setInstances(tcp.instances())));
  }

  private Future<Integer> freePort(String host) {
    NetServer probe = vertx.createNetServer().connectHandler(NetSocket::close);
    return probe.listen(0, host).compose(bound -> probe.close().map(bound.actualPort()));
  }
}

package org.epollservers.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.epollservers.config.AppConfig;
import org.epollservers.tcp.TcpVerticle;
import org.epollservers.udp.UdpVerticle;

import java.util.function.Supplier;

/** Deploys both servers from one JSON config: {@code tcp.instances} TCP verticles sharing the port and one UDP verticle. */
public final class ServersVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    AppConfig config;
    try {
      config = AppConfig.fromJson(config(), "ServersVerticle config");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    DeploymentOptions tcp = new DeploymentOptions().setConfig(config()).setInstances(config.tcp().instances());
    // A second UDP socket on the same port would fail to bind: one instance receives for the process.
    DeploymentOptions udp = new DeploymentOptions().setConfig(config());
    Supplier<Deployable> udpVerticle = UdpVerticle::new;
    Supplier<Deployable> tcpVerticle = TcpVerticle::new;
    return Future.all(vertx.deployVerticle(udpVerticle, udp), vertx.deployVerticle(tcpVerticle, tcp));
  }
}

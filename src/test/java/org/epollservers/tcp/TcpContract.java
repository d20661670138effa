package org.epollservers.tcp;

import io.netty.channel.uring.IoUring;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every TCP contract needs: the variant under test (transport, acceptor, instances, settings), a Vert.x on that
 * transport (skipped where it cannot load), a deployment.
 */
abstract class TcpContract {

  /** The path under test: transport, acceptor, instances and its own settings. */
  abstract TcpPath path();

  Vertx vertx;
  String deploymentId;

  @BeforeEach
  void startVertx() {
    assumeTrue(!path().acceptor.equals("io_uring") || IoUring.isAvailable(), "io_uring is not available here");
    vertx = TestVertx.on(path().transport);
  }

  @AfterEach
  void closeVertx() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Deploys the variant's instances on 127.0.0.1 and one free port, with {@code tcp} and then the variant's settings;
   * returns the first instance (the counters are the port's, shared by all of them).
   */
  TcpVerticle deploy(JsonObject tcp) throws Exception {
    JsonObject config = new JsonObject().put("tcp", tcp.copy().put("host", "127.0.0.1").put("port", freePort())
      .put("acceptor", path().acceptor).mergeIn(path().settings()));
    List<TcpVerticle> created = new CopyOnWriteArrayList<>();
    Supplier<Deployable> instance = () -> {
      TcpVerticle verticle = new TcpVerticle();
      created.add(verticle);
      return verticle;
    };
    deploymentId = vertx.deployVerticle(instance, new DeploymentOptions().setConfig(config).setInstances(path().instances))
      .await(10, TimeUnit.SECONDS);
    return created.get(0);
  }

  /** Port 0 would give each instance its own port: instances share one, found free first. */
  private int freePort() throws Exception {
    if (path().instances == 1) {
      return 0;
    }
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }
}

package org.epollservers.tcp;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.epollservers.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.TimeUnit;

/** What every TCP contract needs: the variant under test (acceptor, transport, settings), a Vert.x, a deployment. */
abstract class TcpContract {

  /** The {@code tcp.acceptor} under test. */
  abstract String acceptor();

  /** Whether the test's Vert.x runs on the native transport (epoll here) rather than nio. */
  boolean nativeTransport() {
    return false;
  }

  /** Settings of this variant, laid over the test's own {@code tcp} section. */
  JsonObject variantSettings() {
    return new JsonObject();
  }

  Vertx vertx;
  String deploymentId;

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.on(nativeTransport());
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Deploys a TCP server on 127.0.0.1, a free port, with {@code tcp} and then the variant's settings. */
  TcpVerticle deploy(JsonObject tcp) throws Exception {
    TcpVerticle verticle = new TcpVerticle();
    JsonObject config = new JsonObject().put("tcp", tcp.copy().put("host", "127.0.0.1").put("port", 0)
      .put("acceptor", acceptor()).mergeIn(variantSettings()));
    deploymentId = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
    return verticle;
  }
}

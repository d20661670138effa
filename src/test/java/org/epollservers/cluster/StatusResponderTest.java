package org.epollservers.cluster;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node's answer to the status command, as it travels on the event bus. */
class StatusResponderTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a status answer says how many datagrams were refused beside those received, printed and dropped")
  void answerCarriesRefusals() throws Exception {
    NodeStatus.Udp counters = new NodeStatus.Udp(10, 3, 6, 1, 2, 4);
    StatusResponder.register(vertx, "servers", "epoll", () -> counters, null).await(10, TimeUnit.SECONDS);
    Promise<JsonObject> answer = Promise.promise();
    vertx.eventBus().<JsonObject>consumer("test.status.reply", reply -> answer.tryComplete(reply.body()))
      .completion().await(10, TimeUnit.SECONDS);

    vertx.eventBus().publish(NodeStatus.ADDRESS, new JsonObject().put("replyTo", "test.status.reply"));
    JsonObject json = answer.future().await(10, TimeUnit.SECONDS);

    assertEquals(3, json.getJsonObject("udp").getLong("refused"), json.encode());
    NodeStatus status = NodeStatus.fromJson(json);
    assertEquals(counters, status.udp());
    assertEquals("servers", status.role());
    assertEquals("epoll", status.transport());
  }

  @Test
  @DisplayName("an answer from a node of an earlier version, without refusals, reads as none refused")
  void earlierNodeReadsAsNoneRefused() {
    JsonObject earlier = new JsonObject().put("node", "n1").put("role", "servers").put("transport", "nio")
      .put("udp", new JsonObject().put("received", 5).put("printed", 4).put("dropped", 1));

    assertEquals(new NodeStatus.Udp(5, 0, 4, 1, 0, 0), NodeStatus.fromJson(earlier).udp());
  }
}

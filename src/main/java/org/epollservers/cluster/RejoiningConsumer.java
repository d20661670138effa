package org.epollservers.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event-bus consumer registered again each time this process rejoins its cluster, since the subscription the
 * cluster held for it may not survive the merge (see {@link ClusterMembers}).
 */
public final class RejoiningConsumer<T> {

  private static final Logger LOG = LoggerFactory.getLogger(RejoiningConsumer.class);

  private final Vertx vertx;
  private final String address;
  private final Handler<Message<T>> handler;
  private MessageConsumer<T> consumer;

  private RejoiningConsumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    this.vertx = vertx;
    this.address = address;
    this.handler = handler;
  }

  /** Registers {@code handler} on {@code address}; call on the context it should run on. */
  public static <T> Future<Void> register(Vertx vertx, String address, Handler<Message<T>> handler) {
    RejoiningConsumer<T> rejoining = new RejoiningConsumer<>(vertx, address, handler);
    Context context = vertx.getOrCreateContext();
    ClusterMembers.onRejoin(context, rejoining::registerAgain);
    return rejoining.registerNow();
  }

  private Future<Void> registerNow() {
    consumer = vertx.eventBus().consumer(address, handler);
    return consumer.completion();
  }

  private void registerAgain() {
    consumer.unregister().eventually(this::registerNow)
      .onSuccess(done -> LOG.info("rejoined the cluster: listening again on {}", address))
      .onFailure(failure -> LOG.warn("rejoined the cluster, but cannot listen on {} again: {}", address, failure.getMessage()));
  }
}

package org.epollservers.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.epollservers.config.Durations;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * What the two fast paths' listeners share, each serving on one loop: the read buffer, the replies in native memory,
 * the deadlines, the open connections and the drain at stop. How the loop is had and connections are accepted is each
 * path's own.
 */
abstract class LoopListener<C extends LoopConnection> implements TcpListener {

  private final Duration deferAccept;
  private final LoopReadBuffer readBuffer = new LoopReadBuffer();
  private final Set<LoopConnection> connections = new HashSet<>();
  private EventLoop loop;
  private LoopDeadlines deadlines;
  private AcceptPause pause;
  private ExchangePolicy policy;
  private Replies<ByteBuffer> replies;

  /** @param deferAccept how long the kernel may hold back a connection that has sent nothing; zero for not at all */
  LoopListener(Duration deferAccept) {
    this.deferAccept = deferAccept;
  }

  /** Takes the loop and the policy, and makes what the loop's connections share, before listening. */
  final void prepare(EventLoop loop, ExchangePolicy policy) {
    this.loop = loop;
    this.deadlines = new LoopDeadlines(loop);
    this.pause = new AcceptPause(loop);
    this.policy = policy;
    this.replies = policy.replies().map(LoopListener::direct);
  }

  final EventLoop loop() {
    return loop;
  }

  final Duration deferAccept() {
    return deferAccept;
  }

  final AcceptPause pause() {
    return pause;
  }

  /** Where it accepts, with the deferral if any. */
  final String describe(String where) {
    return deferAccept.isZero() ? where : where + ", deferred until the first bytes or " + Durations.format(deferAccept);
  }

  /** Whether accepted clients' addresses are decoded at once, for the access log; the default path keeps just the key. */
  final boolean logsAddresses() {
    return policy.accessLog() != null;
  }

  /**
   * Serves a connection just accepted: a deferred connection arrives with its first bytes, so reading at once almost
   * always finds the request.
   */
  final void serve(C connection, Object clientKey) {
    connections.add(connection);
    connection.start(policy, clientKey, !deferAccept.isZero());
  }

  LoopReadBuffer readBuffer() {
    return readBuffer;
  }

  /** The bytes of a reply, from 0 to the limit; its readers never move its position, each keeps its own offset. */
  ByteBuffer bytes(Reply reply) {
    return replies.bytes(reply);
  }

  LoopDeadlines deadlines() {
    return deadlines;
  }

  void closed(LoopConnection connection) {
    connections.remove(connection);
  }

  /** Closes the listening socket; on the loop. */
  abstract void stopAccepting();

  /** Stops accepting, then lets open connections finish within {@code grace}; completes on the loop. */
  final Future<Void> drain(Duration grace) {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      stopAccepting();
      // Kept connections waiting idle close now; one mid-request will be answered with Connection: close.
      new ArrayList<>(connections).forEach(LoopConnection::serverStopping);
      ConnectionDrain.drain(loop, connections, LoopConnection::close, grace).onComplete(done);
    });
    return done.future();
  }

  /** A reply's bytes in native memory, read (never written) by every connection of the loop; freed with the loop. */
  private static ByteBuffer direct(Buffer bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length());
    buffer.put(bytes.getBytes()).flip();
    return buffer;
  }
}

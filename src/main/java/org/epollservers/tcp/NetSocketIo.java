package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.epollservers.internals.NetSockets;

import java.time.Duration;

/** A connection accepted by Vert.x's NetServer. */
final class NetSocketIo implements ExchangeIo {

  private final Vertx vertx;
  private final NetSocket socket;
  private final Replies<Buffer> replies;

  private NetSocketIo(Vertx vertx, NetSocket socket, Replies<Buffer> replies) {
    this.vertx = vertx;
    this.socket = socket;
    this.replies = replies;
  }

  /** Serves one accepted socket: wires its close and errors to the exchange. */
  static void serve(Vertx vertx, NetSocket socket, ExchangePolicy policy) {
    CannedExchange exchange = CannedExchange.start(new NetSocketIo(vertx, socket, policy.replies()), policy,
      clientKey(socket.remoteAddress()));
    if (exchange != null) {
      socket.closeHandler(closed -> exchange.closed());
      // Resets and broken pipes are the client's business; the connection is closed either way.
      socket.exceptionHandler(failure -> socket.close());
      if (policy.keepAlive().enabled()) {
        // Only with keep-alive: idle kept connections close at once when the server stops, not at the grace's end.
        socket.shutdownHandler(stopping -> exchange.serverStopping());
      }
    }
  }

  /** The client's IP address; a PROXY v2 header may name a Unix socket instead, which has only a path. */
  private static Object clientKey(SocketAddress client) {
    return client.hostAddress() != null ? client.hostAddress() : String.valueOf(client.path());
  }

  @Override
  public void onBytes(Handler<Buffer> handler) {
    socket.handler(handler);
  }

  @Override
  public void write(Reply reply, Handler<Boolean> written) {
    socket.write(replies.bytes(reply)).onComplete(result -> written.handle(result.succeeded()));
  }

  @Override
  public void pauseInput() {
    socket.pause();
  }

  @Override
  public void resumeInput() {
    socket.resume();
  }

  @Override
  public SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }

  @Override
  public void shutdownOutput() {
    NetSockets.shutdownOutput(socket);
  }

  @Override
  public void close() {
    // Not socket.close(): that waits for queued writes, which a client that never reads would hold past every deadline.
    NetSockets.closeNow(socket);
  }

  @Override
  public void reset() {
    NetSockets.reset(socket);
  }

  @Override
  public Object schedule(Duration delay, Runnable task) {
    return vertx.setTimer(Math.max(1, delay.toMillis()), fired -> task.run());
  }

  @Override
  public void cancel(Object timer) {
    vertx.cancelTimer((Long) timer);
  }
}

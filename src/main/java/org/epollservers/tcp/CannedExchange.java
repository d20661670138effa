package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** One client connection: waits for the end of the request headers, answers with the canned bytes, then closes. */
final class CannedExchange implements HeaderScanner.Listener {

  private final NetSocket socket;
  private final Replies replies;

  private CannedExchange(NetSocket socket, Replies replies) {
    this.socket = socket;
    this.replies = replies;
  }

  /** Starts serving a freshly accepted connection. */
  static void serve(NetSocket socket, Replies replies, int maxHeaderBytes) {
    CannedExchange exchange = new CannedExchange(socket, replies);
    socket.handler(new HeaderScanner(maxHeaderBytes, exchange));
    // Resets and broken pipes are the client's business; the connection is closed either way.
    socket.exceptionHandler(ignored -> socket.close());
  }

  @Override
  public void headersEnded() {
    reply(replies.response());
  }

  @Override
  public void headersTooLarge() {
    reply(replies.headersTooLarge());
  }

  private void reply(Buffer bytes) {
    // Close only once the bytes are handed to the kernel, and close even if the write failed.
    socket.write(bytes).eventually(socket::close);
  }
}

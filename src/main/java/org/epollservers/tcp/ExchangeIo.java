package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;

/** What a canned exchange needs of its connection, whichever acceptor took it: bytes in, bytes out, timers, close. */
interface ExchangeIo {

  /** Where the bytes the client sends go from now on; each buffer is lent for the call only, so keep a copy. */
  void onBytes(Handler<Buffer> handler);

  /** Writes one of the fixed replies and flushes; {@code written} learns whether the bytes reached the kernel. */
  void write(Reply reply, Handler<Boolean> written);

  /** Stops reading from the socket (the kernel buffers, then the client waits) until {@link #resumeInput}. */
  void pauseInput();

  void resumeInput();

  /** Sends FIN while still reading: the client sees the end of the response, the kernel no reset. */
  void shutdownOutput();

  void close();

  /** Closes with SO_LINGER 0, so the kernel sends a reset instead of FIN (an injected fault). */
  void reset();

  /** Runs {@code task} on this connection's event loop after {@code delay}; returns a handle for {@link #cancel}. */
  Object schedule(Duration delay, Runnable task);

  void cancel(Object timer);

  /** The client's address: the peer's, or with {@code tcp.proxyProtocol} the one its proxy's header names. */
  SocketAddress remoteAddress();
}

package org.epollservers.udp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.epollservers.config.Limits;

/** A datagram socket read through Vert.x's DatagramSocket: one datagram per call, with no sign of where a burst ends. */
final class VertxReceiver implements DatagramReceiver {

  private final Vertx vertx;
  private DatagramSocket socket;

  VertxReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Integer> listen(String host, int port, boolean reusePort, int receiveBufferBytes, DatagramLines lines) {
    // Without a receive buffer size Vert.x cuts datagrams at 2048 bytes; with one, it reads into buffers that large.
    socket = vertx.createDatagramSocket(new DatagramSocketOptions()
      .setReceiveBufferSize(receiveBufferBytes(receiveBufferBytes))
      .setReuseAddress(reusePort)
      .setReusePort(reusePort));
    socket.handler(packet -> {
      if (lines.admits(packet.sender().host())) {
        byte[] payload = packet.data().getBytes();
        lines.add(packet.sender().host(), packet.sender().port(), payload, payload.length);
      }
      lines.endOfBurst();
    });
    return socket.listen(port, host).map(bound -> bound.localAddress().port());
  }

  /** Vert.x reads each datagram into a buffer as large as the receive buffer: past 1 MiB that read leaves the pool. */
  @Override
  public int receiveBufferBytes(int configured) {
    return Math.min(configured, Limits.MAX_VERTX_UDP_RECEIVE_BUFFER_BYTES);
  }

  @Override
  public Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  @Override
  public String description() {
    return "Vert.x's DatagramSocket";
  }
}

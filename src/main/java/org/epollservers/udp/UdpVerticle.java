package org.epollservers.udp;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.epollservers.config.AppConfig;
import org.epollservers.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;


/**
 * Prints every datagram it receives as one escaped line {@code <ip> <port> <payload>} on stdout (or a given
 * stream); configured by the {@code udp} section of its JSON config.
 */
public final class UdpVerticle extends VerticleBase {

  /**
   * Vert.x sizes its receive buffers from SO_RCVBUF and otherwise cuts datagrams at 2048 bytes; 64 KiB holds
   * the largest UDP payload over IPv4 (65,507 bytes) whole.
   */
  static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(UdpVerticle.class);

  private final OutputStream output;
  private final DatagramFormatter formatter = new DatagramFormatter();
  private LinePrinter printer;
  private DatagramSocket socket;
  private long received;

  /** Prints to the process's standard output. */
  public UdpVerticle() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  /** Prints to the given stream, for embedding and tests. */
  public UdpVerticle(OutputStream output) {
    this.output = output;
  }

  @Override
  public Future<?> start() {
    UdpConfig config;
    try {
      config = AppConfig.fromJson(config(), "UdpVerticle config").udp();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    printer = LinePrinter.start(output, config.printBufferBytes(), "udp-printer");
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
    socket.handler(this::print);
    return socket.listen(config.port(), config.host())
      .recover(cause -> Future.failedFuture(new IllegalStateException(
        "udp.port " + config.port() + " on " + config.host() + " cannot be bound: " + cause.getMessage(), cause)))
      .onFailure(ignored -> printer.close())
      .onSuccess(bound -> LOG.info("udp listening on {}:{}",
        config.host(), bound.localAddress().port()));
  }

  private void print(DatagramPacket packet) {
    received++;
    printer.offer(formatter.format(packet.sender().host(), packet.sender().port(), packet.data().getBytes()));
  }

  @Override
  public Future<?> stop() {
    // Stop receiving first, then let every datagram already received reach the output.
    Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
    return closed.eventually(() -> Future.fromCompletionStage(printer.close(), context))
      .onComplete(done -> LOG.info("udp stopped: {} datagrams received, {} printed, {} dropped",
        received, printer.printed(), printer.dropped()));
  }

  /** The port really bound, useful when the configured port is 0; -1 before the socket listens. */
  public int actualPort() {
    return socket == null || socket.localAddress() == null ? -1 : socket.localAddress().port();
  }
}

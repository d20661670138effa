package org.epollservers.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.epollservers.internals.DatagramChannels;
import org.epollservers.internals.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A datagram socket read on the verticle's own event loop, many datagrams per wake-up: on epoll up to
 * {@link #SLOTS} per recvmmsg(2) call, each whole; its lines reach the printer one block per burst.
 */
final class BatchReceiver implements DatagramReceiver {

  /** The largest UDP payload (65,527 bytes over IPv6, 65,507 over IPv4) fits a slot whole, so nothing is cut. */
  static final int SLOT_BYTES = 65_535;

  /** Datagrams one recvmmsg(2) call may take; the read buffer is {@code SLOTS * SLOT_BYTES}, about 1 MiB. */
  static final int SLOTS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(BatchReceiver.class);

  private final EventLoop loop;
  private Channel channel;
  private ReusedReadBuffer readBuffer;

  BatchReceiver(Context context) {
    this.loop = EventLoops.of(context);
  }

  @Override
  public Future<Integer> listen(String host, int port, boolean reusePort, int receiveBufferBytes, DatagramLines lines) {
    Bootstrap bootstrap = new Bootstrap()
      .group(loop)
      .channelFactory(DatagramChannels.forLoop(loop))
      .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
      .handler(new Reader(lines));
    if (reusePort) {
      bootstrap.option(ChannelOption.SO_REUSEADDR, true).option(DatagramChannels.reusePort(), true);
    }
    Promise<Integer> bound = Promise.promise();
    bootstrap.register().addListener(registered -> {
      if (!registered.isSuccess()) {
        bound.fail(registered.cause());
        return;
      }
      Channel created = ((ChannelFuture) registered).channel();
      // Slots of the largest payload: recvmmsg reports no truncation, so a smaller slot could cut a datagram silently.
      boolean scattering = DatagramChannels.readInBatches(created, SLOT_BYTES);
      readBuffer = new ReusedReadBuffer(scattering ? SLOTS * SLOT_BYTES : SLOT_BYTES);
      created.config().setRecvByteBufAllocator(readBuffer);
      created.closeFuture().addListener(closed -> readBuffer.release());
      created.bind(new InetSocketAddress(host, port)).addListener(result -> {
        if (result.isSuccess()) {
          channel = created;
          bound.complete(((InetSocketAddress) created.localAddress()).getPort());
        } else {
          created.close();
          bound.fail(result.cause());
        }
      });
    });
    return bound.future();
  }

  @Override
  public Future<Void> close() {
    if (channel == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    channel.close().addListener(done -> closed.complete());
    return closed.future();
  }

  @Override
  public String description() {
    return "read in bursts on its event loop";
  }

  /** Copies each datagram out of Netty's buffer into a scratch array and hands it on; the buffer goes back at once. */
  private static final class Reader extends ChannelInboundHandlerAdapter {

    private final DatagramLines lines;
    private byte[] scratch = new byte[2048];
    private InetAddress lastAddress;
    private String lastHost;

    Reader(DatagramLines lines) {
      this.lines = lines;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      DatagramPacket packet = (DatagramPacket) msg;
      try {
        InetSocketAddress sender = packet.sender();
        if (!lines.admits(sender.getAddress())) {
          return;
        }
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length > scratch.length) {
          scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        content.getBytes(content.readerIndex(), scratch, 0, length);
        lines.add(host(sender.getAddress()), sender.getPort(), scratch, length);
      } finally {
        packet.release();
      }
    }

    /** Floods come from few senders: the text of the last address is kept instead of formatted per datagram. */
    private String host(InetAddress address) {
      if (!address.equals(lastAddress)) {
        lastAddress = address;
        lastHost = address.getHostAddress();
      }
      return lastHost;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      lines.endOfBurst();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("udp read failed: {}", cause.toString());
    }
  }
}

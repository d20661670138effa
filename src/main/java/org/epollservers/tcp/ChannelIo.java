package org.epollservers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A connection accepted on its own event loop: the Netty handler that feeds bytes to, and carries out, an exchange. */
final class ChannelIo extends ChannelInboundHandlerAdapter implements ExchangeIo {

  private final ExchangePolicy policy;
  private final Replies<ByteBuf> replies;
  private final Runnable onClosed;
  private final LoopDeadlines deadlines;
  private ChannelHandlerContext context;
  private Handler<Buffer> bytes;
  private CannedExchange exchange;

  /**
   * @param replies the replies, as unreleasable buffers shared by every connection of the loop
   * @param onClosed run once the connection has closed
   * @param deadlines the deadlines of the loop the connection is registered on
   */
  ChannelIo(ExchangePolicy policy, Replies<ByteBuf> replies, Runnable onClosed, LoopDeadlines deadlines) {
    this.policy = policy;
    this.replies = replies;
    this.onClosed = onClosed;
    this.deadlines = deadlines;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context = ctx;
    exchange = CannedExchange.start(this, policy, ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      if (bytes != null && message instanceof ByteBuf in) {
        // Lent, not copied: the record parser copies what it keeps, and the pooled buffer goes back right after.
        bytes.handle(BufferInternal.buffer(in));
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.closed();
    }
    onClosed.run();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are the client's business; the connection is closed either way.
    ctx.close();
  }

  @Override
  public void onBytes(Handler<Buffer> handler) {
    bytes = handler;
  }

  @Override
  public void write(Reply reply, Handler<Boolean> written) {
    context.writeAndFlush(replies.bytes(reply).duplicate()).addListener((ChannelFutureListener) done -> written.handle(done.isSuccess()));
  }

  @Override
  public void shutdownOutput() {
    if (context.channel() instanceof DuplexChannel channel) {
      channel.shutdownOutput();
    }
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public Object schedule(Duration delay, Runnable task) {
    return deadlines.add(delay, task);
  }

  @Override
  public void cancel(Object timer) {
    LoopDeadlines.cancel(timer);
  }
}

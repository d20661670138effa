package org.epollservers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.UnixChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServerOptions;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * A listener bound on the verticle's own event loop, which accepts and serves its connections on that loop: no
 * acceptor thread and no hand-off per connection. Several instances share a port with SO_REUSEPORT.
 */
final class LoopAcceptor {

  private final Vertx vertx;
  private final EventLoop loop;
  private final LoopDeadlines deadlines;
  private final AcceptPause pause;
  private final Set<Channel> connections = new HashSet<>();
  private Channel listener;

  LoopAcceptor(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.loop = ((ContextInternal) context).nettyEventLoop();
    this.pause = new AcceptPause(loop);
    this.deadlines = new LoopDeadlines(loop);
  }

  /** Binds {@code options}' host and port; completes with the port really bound. */
  Future<Integer> listen(NetServerOptions options, ExchangePolicy policy) {
    Replies<ByteBuf> replies = policy.replies().map(LoopAcceptor::shared);
    Channel server = ((VertxInternal) vertx).transport().serverChannelFactory(false).newChannel();
    server.config().setOption(ChannelOption.SO_REUSEADDR, true);
    server.config().setOption(ChannelOption.SO_BACKLOG, options.getAcceptBacklog());
    if (options.isReusePort()) {
      server.config().setOption(UnixChannelOption.SO_REUSEPORT, true);
    }
    server.pipeline().addLast(new Acceptor(policy, replies));
    Promise<Integer> bound = Promise.promise();
    loop.register(server).addListener(registered -> {
      if (!registered.isSuccess()) {
        bound.fail(registered.cause());
        return;
      }
      server.bind(new InetSocketAddress(options.getHost(), options.getPort())).addListener(result -> {
        if (result.isSuccess()) {
          listener = server;
          bound.complete(((InetSocketAddress) server.localAddress()).getPort());
        } else {
          server.close();
          bound.fail(result.cause());
        }
      });
    });
    return bound.future();
  }

  /** Stops accepting, lets open connections finish within {@code grace}, then closes what is left. */
  Future<Void> shutdown(Duration grace) {
    if (listener == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    listener.close().addListener(closed -> loop.execute(() ->
      ConnectionDrain.drain(loop, connections, Channel::close, grace).onComplete(done)));
    return done.future();
  }

  /** The bytes of a reply as one direct buffer that every connection writes a duplicate of, never freed. */
  private static ByteBuf shared(Buffer bytes) {
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length()).writeBytes(bytes.getBytes()));
  }

  /**
   * Sets up each accepted connection and registers it on the loop: the work of Netty's ServerBootstrap, without its
   * initializer handler added and removed per connection, and with reading asked for before registration, so the
   * socket joins epoll with its final interest (one epoll_ctl call fewer per connection).
   */
  private final class Acceptor extends ChannelInboundHandlerAdapter {

    private final ExchangePolicy policy;
    private final Replies<ByteBuf> replies;

    Acceptor(ExchangePolicy policy, Replies<ByteBuf> replies) {
      this.policy = policy;
      this.replies = replies;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      Channel child = (Channel) message;
      // Confined to the loop: accept and close both happen on it.
      connections.add(child);
      child.pipeline().addLast(new ChannelIo(policy, replies, () -> connections.remove(child), deadlines));
      child.unsafe().beginRead();
      loop.register(child).addListener(registered -> {
        if (!registered.isSuccess()) {
          connections.remove(child);
          child.unsafe().closeForcibly();
        }
      });
    }

    /** Netty reports a failed accept here; its ServerBootstrap, which we do without, would also pause reading. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelConfig config = ctx.channel().config();
      pause.failed(cause, () -> config.setAutoRead(false), () -> config.setAutoRead(true));
    }
  }
}

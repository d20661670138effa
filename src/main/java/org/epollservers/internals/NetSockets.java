package org.epollservers.internals;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * What a Vert.x NetSocket does not offer publicly: half-closing, closing without waiting for queued writes, and
 * closing with a reset.
 */
public final class NetSockets {

  private NetSockets() {
  }

  /**
   * Sends FIN and keeps reading; does nothing for a socket whose channel cannot half-close. Over TLS the FIN follows a
   * close_notify, so the client can tell the end of the response from a connection cut short.
   */
  public static void shutdownOutput(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal
      && internal.channelHandlerContext().channel() instanceof DuplexChannel channel) {
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      if (tls == null) {
        channel.shutdownOutput();
      } else {
        tls.closeOutbound().addListener(sent -> channel.shutdownOutput());
      }
    }
  }

  /**
   * Closes now. Vert.x's close (NetSocket.close(), or any close passing its handler) first flushes pending writes, so a
   * client that never reads would hold the connection past every deadline; a close starting below its handler does not.
   */
  public static void closeNow(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      socket.close();
    }
  }

  /** Closes now with SO_LINGER 0, so the client sees a reset instead of FIN. */
  public static void reset(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal) {
      try {
        // Zero, not a positive linger: NIO would then close on another thread and wait; zero closes here, with RST.
        internal.channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
      } catch (RuntimeException gone) {
        // Netty reports a socket the client already closed unchecked: there is nothing left to reset, only to close.
      }
    }
    closeNow(socket);
  }
}

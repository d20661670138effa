package org.epollservers.internals;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.UnixChannelOption;

/** What a datagram channel bootstrapped by hand on a Vert.x event loop needs: its class, port sharing and batching. */
public final class DatagramChannels {

  private DatagramChannels() {
  }

  /**
   * Channels of the kind {@code loop} can serve: epoll on an epoll loop, NIO otherwise (the project ships no other
   * native transport). Chosen from the loop rather than from Vert.x's transport, which only its internals expose.
   */
  public static ChannelFactory<DatagramChannel> forLoop(EventLoop loop) {
    return EventLoops.runsEpoll(loop) ? EpollDatagramChannel::new : NioDatagramChannel::new;
  }

  /** SO_REUSEPORT, which only native channels understand (NIO ignores it with a warning). */
  public static ChannelOption<Boolean> reusePort() {
    return UnixChannelOption.SO_REUSEPORT;
  }

  /**
   * Lets {@code channel} take many datagrams per read (recvmmsg) into slots of {@code slotBytes}, where it can;
   * returns whether it can.
   */
  public static boolean readInBatches(Channel channel, int slotBytes) {
    if (channel instanceof EpollDatagramChannel) {
      channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slotBytes);
      return true;
    }
    return false;
  }
}

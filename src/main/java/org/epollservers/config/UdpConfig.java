package org.epollservers.config;

import java.time.Duration;

/**
 * Where the UDP socket listens, whether datagrams are also published, how much the kernel may buffer, how much
 * output may wait for stdout, and how often counters are reported.
 *
 * @param batched whether the socket is read in bursts on the verticle's event loop rather than through Vert.x's
 *     DatagramSocket
 * @param reusePort SO_REUSEPORT on the socket, to share the port with other sockets and processes
 * @param publish whether each datagram is also published on the event bus
 * @param publishBufferBytes bytes of datagrams that may wait to be published
 * @param statsInterval the period of the counters line on stderr; zero for none
 * @param warmUpDatagrams datagrams sent through a throwaway receiver before binding; zero for none
 */
public record UdpConfig(String host, int port, boolean batched, boolean reusePort, boolean publish, int publishBufferBytes, int receiveBufferBytes,
                        Duration statsInterval, int printBufferBytes, int warmUpDatagrams) {

  static UdpConfig from(SettingReader read) {
    boolean batched = read.string(Setting.UDP_RECEIVER).equals("batched");
    int receiveBufferBytes = read.integer(Setting.UDP_RECEIVE_BUFFER_BYTES);
    return new UdpConfig(read.string(Setting.UDP_HOST), read.integer(Setting.UDP_PORT), batched,
      read.bool(Setting.UDP_REUSE_PORT), read.bool(Setting.UDP_PUBLISH), read.integer(Setting.UDP_PUBLISH_BUFFER_BYTES), receiveBufferBytes,
      read.duration(Setting.UDP_STATS_INTERVAL), read.integer(Setting.UDP_PRINT_BUFFER_BYTES),
      read.integer(Setting.UDP_WARM_UP_DATAGRAMS));
  }
}

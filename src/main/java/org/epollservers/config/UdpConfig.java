package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Where the UDP socket listens, how it receives, and where the datagrams go. */
public record UdpConfig(Endpoint endpoint, Receiving receiving, Output output) {

  /**
   * How datagrams are read.
   *
   * @param batched whether the socket is read in bursts on the verticle's event loop rather than through Vert.x's
   *     DatagramSocket
   * @param receiveBufferBytes SO_RCVBUF asked of the kernel
   * @param warmUpDatagrams datagrams sent through a throwaway receiver before binding; zero for none
   */
  public record Receiving(boolean batched, int receiveBufferBytes, int warmUpDatagrams) {
  }

  /**
   * Where datagrams go, how much may wait, and how often the counters are reported.
   *
   * @param printBufferBytes bytes of datagram lines that may wait for stdout
   * @param publish whether each datagram is also published on the event bus
   * @param publishBufferBytes bytes of datagrams that may wait to be published
   * @param statsInterval the period of the counters line on stderr; zero for none
   */
  public record Output(int printBufferBytes, boolean publish, int publishBufferBytes, Duration statsInterval) {
  }

  static UdpConfig from(JsonObject udp) {
    Receiving receiving = new Receiving(udp.getString("receiver").equals("batched"), udp.getInteger("receiveBufferBytes"),
      udp.getInteger("warmUpDatagrams"));
    Output output = new Output(udp.getInteger("printBufferBytes"), udp.getBoolean("publish"),
      udp.getInteger("publishBufferBytes"), Durations.read(udp, "statsInterval"));
    return new UdpConfig(Endpoint.from(udp), receiving, output);
  }
}

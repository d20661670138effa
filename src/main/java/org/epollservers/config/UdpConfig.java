package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Where the UDP socket listens, how it receives, and where the datagrams go. */
public record UdpConfig(Endpoint endpoint, Receiving receiving, Output output) {

  /**
   * How datagrams are read (the udp keys of the same names; see {@link Setting}).
   *
   * @param batched whether the socket is read in bursts on the verticle's event loop rather than through Vert.x's
   *     DatagramSocket
   */
  public record Receiving(boolean batched, int receiveBufferBytes, int warmUpDatagrams) {
  }

  /** Where datagrams go, how much may wait, and how often they are counted (udp keys; see {@link Setting}). */
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

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Where the UDP socket listens, how it receives, and where the datagrams go. */
public record UdpConfig(Endpoint endpoint, Receiving receiving, Output output, Senders senders) {

  /**
   * How datagrams are read (the udp keys of the same names; see {@link Setting}).
   *
   * @param batched whether the socket is read in bursts on the verticle's event loop rather than through Vert.x's
   *     DatagramSocket
   */
  public record Receiving(boolean batched, int receiveBufferBytes, int warmUpDatagrams) {
  }

  /** Where datagrams go, how much may wait, and how often they are counted (udp keys; see {@link Setting}). */
  public record Output(int printBufferBytes, boolean publish, int publishBufferBytes, Duration statsInterval,
                       Format format, boolean timestamps) {
  }

  /** How a datagram is printed ({@code udp.format}). */
  public enum Format { TEXT, JSON, HEX }

  /**
   * Who may send and how much ({@code udp.allow}, {@code udp.ratePerSender}).
   *
   * @param allow the blocks a sender must be in; empty for everyone
   * @param ratePerSender datagrams per second per source address; 0 for unlimited
   */
  public record Senders(List<Cidr> allow, int ratePerSender) {

    public Senders {
      allow = List.copyOf(allow);
    }

    /** Whether any sender may be refused, so that each datagram's sender must be looked at. */
    public boolean restricted() {
      return !allow.isEmpty() || ratePerSender > 0;
    }
  }

  /**
   * The print buffer {@code json} and {@code hex} need: the lines of the largest datagram, 65,507 bytes, take up to
   * about 9 bytes per byte in JSON (escaped text as a JSON string, and base64) and 5 in hex, and a block larger than the
   * buffer is dropped whole.
   */
  public static final int MIN_PRINT_BUFFER_BYTES_FORMATTED = 1024 * 1024;

  static UdpConfig from(JsonObject udp, String source) {
    Receiving receiving = new Receiving(udp.getString("receiver").equals("batched"), udp.getInteger("receiveBufferBytes"),
      udp.getInteger("warmUpDatagrams"));
    Output output = new Output(udp.getInteger("printBufferBytes"), udp.getBoolean("publish"),
      udp.getInteger("publishBufferBytes"), Durations.read(udp, "statsInterval"),
      Format.valueOf(udp.getString("format").toUpperCase(Locale.ROOT)), udp.getBoolean("timestamps"));
    if (output.format() != Format.TEXT && output.printBufferBytes() < MIN_PRINT_BUFFER_BYTES_FORMATTED) {
      throw new ConfigException(source, "udp.printBufferBytes", "must be at least " + MIN_PRINT_BUFFER_BYTES_FORMATTED
        + " with udp.format " + udp.getString("format") + ", so that the largest datagram is printed whole, got "
        + output.printBufferBytes());
    }
    List<Cidr> allow = udp.getJsonArray("allow").stream().map(entry -> Cidr.parse((String) entry)).toList();
    return new UdpConfig(Endpoint.from(udp), receiving, output, new Senders(allow, udp.getInteger("ratePerSender")));
  }
}

package org.epollservers.udp;

import org.epollservers.config.UdpConfig.Format;
import org.epollservers.text.Escaping;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns datagrams into printable UTF-8 lines, by default {@code <ip> <port> <payload>\n}, the payload escaped by
 * {@link Escaping} (or as JSON or a hex dump, see {@link Format}), and gathers them into blocks for the printer; one
 * instance per receiver, as it reuses its scratch space.
 */
public final class DatagramFormatter {

  /** Room for a space, the longest port, a space and the newline; for hex, the size and " bytes" too. */
  private static final int LINE_OVERHEAD = 24;

  private static final byte[] BYTES = " bytes\n".getBytes(StandardCharsets.US_ASCII);

  private final Format format;
  private final boolean timestamps;
  private byte[] time = new byte[0];
  private byte[] scratch = new byte[0];
  private byte[] out = new byte[4096];
  private int length;
  private int lines;
  private String lastHost;
  private byte[] lastHostBytes;

  /** Text lines without timestamps, as the text format prints by default. */
  public DatagramFormatter() {
    this(Format.TEXT, false);
  }

  /**
   * @param timestamps whether text lines and hex sender lines start with the {@link #time} and a space
   */
  public DatagramFormatter(Format format, boolean timestamps) {
    this.format = format;
    this.timestamps = timestamps;
  }

  /** Whether lines show a time, which the caller then gives with {@link #time} before their datagrams. */
  public boolean showsTime() {
    return timestamps || format == Format.JSON;
  }

  /** The time the following datagrams were received, in RFC 3339 as ASCII; kept, not copied. */
  public void time(byte[] rfc3339) {
    time = rfc3339;
  }

  /** Adds one datagram's line, of the first {@code payloadLength} bytes of {@code payload}, to the block. */
  public void append(String host, int port, byte[] payload, int payloadLength) {
    byte[] hostBytes = hostBytes(host);
    if (format == Format.JSON) {
      appendJson(hostBytes, port, payload, payloadLength);
      return;
    }
    boolean hex = format == Format.HEX;
    // Room for the whole line is made once, so the per-byte work below needs no bounds check of its own.
    ensureRoom(hostBytes.length + LINE_OVERHEAD + (timestamps ? time.length + 1 : 0)
      + (hex ? HexDump.maxBytes(payloadLength) : Escaping.MAX_BYTES_PER_BYTE * payloadLength));
    if (timestamps) {
      System.arraycopy(time, 0, out, length, time.length);
      length += time.length;
      put((byte) ' ');
    }
    System.arraycopy(hostBytes, 0, out, length, hostBytes.length);
    length += hostBytes.length;
    put((byte) ' ');
    decimal(port);
    put((byte) ' ');
    if (hex) {
      decimal(payloadLength);
      System.arraycopy(BYTES, 0, out, length, BYTES.length);
      length = HexDump.write(payload, payloadLength, out, length + BYTES.length);
    } else {
      escapeInto(payload, payloadLength);
      put((byte) '\n');
    }
    lines++;
  }

  private void appendJson(byte[] hostBytes, int port, byte[] payload, int payloadLength) {
    ensureRoom(time.length + JsonLine.maxBytes(hostBytes.length, payloadLength));
    if (scratch.length < Escaping.MAX_BYTES_PER_BYTE * payloadLength) {
      scratch = new byte[Math.max(4096, Escaping.MAX_BYTES_PER_BYTE * payloadLength)];
    }
    length = JsonLine.write(time, hostBytes, port, payload, payloadLength, scratch, out, length);
    lines++;
  }

  /** Lines in the block so far. */
  public int lines() {
    return lines;
  }

  /** Bytes in the block so far. */
  public int size() {
    return length;
  }

  /** The block so far as a fresh array the caller may keep; the next line starts a new block. */
  public byte[] take() {
    byte[] block = Arrays.copyOf(out, length);
    length = 0;
    lines = 0;
    return block;
  }

  /** Formats one datagram on its own; the block must be empty. */
  public byte[] format(String host, int port, byte[] payload) {
    requireEmptyBlock();
    append(host, port, payload, payload.length);
    return take();
  }

  /** The escaped payload alone, as text: what {@link #format} prints after the port; the block must be empty. */
  public String escape(byte[] payload) {
    requireEmptyBlock();
    ensureRoom(Escaping.MAX_BYTES_PER_BYTE * payload.length);
    escapeInto(payload, payload.length);
    String text = new String(out, 0, length, StandardCharsets.UTF_8);
    length = 0;
    return text;
  }

  private void requireEmptyBlock() {
    if (length != 0) {
      throw new IllegalStateException("a block of " + lines + " lines is being built; take() it first");
    }
  }

  /** Needs room for {@link Escaping#MAX_BYTES_PER_BYTE} bytes per payload byte. */
  private void escapeInto(byte[] payload, int end) {
    length = Escaping.escape(payload, end, out, length);
  }

  /** Floods come from few senders: the bytes of the last host are kept instead of encoded per line. */
  private byte[] hostBytes(String host) {
    if (!host.equals(lastHost)) {
      lastHost = host;
      // UTF-8, not ASCII: the tail puts a node's name, escaped but not always ASCII, before the address.
      lastHostBytes = host.getBytes(StandardCharsets.UTF_8);
    }
    return lastHostBytes;
  }

  private void decimal(int value) {
    int digits = 1;
    for (int rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int k = length + digits - 1; k >= length; k--) {
      out[k] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  private void ensureRoom(int bytes) {
    if (out.length - length < bytes) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + bytes));
    }
  }

  /** Room was made by {@link #ensureRoom} for the whole line. */
  private void put(byte b) {
    out[length++] = b;
  }
}

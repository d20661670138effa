package org.epollservers.udp;

import org.epollservers.text.Escaping;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns datagrams into printable UTF-8 lines, {@code <ip> <port> <payload>\n}, the payload escaped by
 * {@link Escaping}, and gathers them into blocks for the printer; one instance per receiver, as it reuses its
 * scratch space.
 */
public final class DatagramFormatter {

  /** Room for a space, the longest port, a space and the newline. */
  private static final int LINE_OVERHEAD = 8;

  private byte[] out = new byte[4096];
  private int length;
  private int lines;
  private String lastHost;
  private byte[] lastHostBytes;

  /** Adds one datagram's line, of the first {@code payloadLength} bytes of {@code payload}, to the block. */
  public void append(String host, int port, byte[] payload, int payloadLength) {
    byte[] hostBytes = hostBytes(host);
    // Room for the whole line is made once, so the per-byte work below needs no bounds check of its own.
    ensureRoom(hostBytes.length + LINE_OVERHEAD + Escaping.MAX_BYTES_PER_BYTE * payloadLength);
    System.arraycopy(hostBytes, 0, out, length, hostBytes.length);
    length += hostBytes.length;
    put((byte) ' ');
    decimal(port);
    put((byte) ' ');
    escapeInto(payload, payloadLength);
    put((byte) '\n');
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
      lastHostBytes = host.getBytes(StandardCharsets.US_ASCII);
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

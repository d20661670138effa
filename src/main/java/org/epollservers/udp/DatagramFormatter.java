package org.epollservers.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns datagrams into printable UTF-8 lines, {@code <ip> <port> <payload>\n}, escaping every byte of the payload
 * that could act on a terminal or forge a line, and gathers them into blocks for the printer; one instance per
 * receiver, as it reuses its scratch space.
 */
public final class DatagramFormatter {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] out = new byte[4096];
  private int length;
  private int lines;
  private int lastPayloadStart;

  /** Adds one datagram's line, of the first {@code payloadLength} bytes of {@code payload}, to the block. */
  public void append(String host, int port, byte[] payload, int payloadLength) {
    ascii(host);
    append((byte) ' ');
    decimal(port);
    append((byte) ' ');
    lastPayloadStart = length;
    escapeInto(payload, payloadLength);
    append((byte) '\n');
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

  /** The escaped payload of the line added last, as text: what follows the port, without the newline. */
  public String lastPayload() {
    return new String(out, lastPayloadStart, length - 1 - lastPayloadStart, StandardCharsets.UTF_8);
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

  private void escapeInto(byte[] payload, int end) {
    int i = 0;
    while (i < end) {
      int b = payload[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        if (b == '\\') {
          append((byte) '\\');
        }
        append((byte) b);
        i++;
      } else if (b < 0x80) {
        controlCharacter(b);
        i++;
      } else {
        i = nonAscii(payload, i, end);
      }
    }
  }

  private void controlCharacter(int b) {
    switch (b) {
      case '\n' -> named('n');
      case '\r' -> named('r');
      case '\t' -> named('t');
      default -> hexByte(b);
    }
  }

  /** Copies one well-formed, harmless UTF-8 sequence, or escapes it; returns the index after what it consumed. */
  private int nonAscii(byte[] payload, int start, int end) {
    int size = Utf8.sequenceLength(payload, start, end);
    if (size == 0) {
      hexByte(payload[start] & 0xff);
      return start + 1;
    }
    int codePoint = Utf8.decode(payload, start, size);
    if (isUnsafe(codePoint)) {
      unicodeEscape(codePoint);
    } else {
      for (int k = 0; k < size; k++) {
        append(payload[start + k]);
      }
    }
    return start + size;
  }

  /**
   * C1 controls move cursors on some terminals; line and paragraph separators end lines in some viewers;
   * bidirectional overrides reorder what the reader sees.
   */
  private static boolean isUnsafe(int codePoint) {
    return codePoint <= 0x9f
      || codePoint == 0x2028 || codePoint == 0x2029
      || (codePoint >= 0x202a && codePoint <= 0x202e)
      || (codePoint >= 0x2066 && codePoint <= 0x2069);
  }

  private void named(char c) {
    append((byte) '\\');
    append((byte) c);
  }

  private void hexByte(int b) {
    append((byte) '\\');
    append((byte) 'x');
    append(HEX[b >> 4]);
    append(HEX[b & 0xf]);
  }

  private void unicodeEscape(int codePoint) {
    append((byte) '\\');
    append((byte) 'u');
    for (int shift = 12; shift >= 0; shift -= 4) {
      append(HEX[(codePoint >> shift) & 0xf]);
    }
  }

  private void ascii(String text) {
    for (int k = 0; k < text.length(); k++) {
      append((byte) text.charAt(k));
    }
  }

  private void decimal(int value) {
    if (value >= 10) {
      decimal(value / 10);
    }
    append((byte) ('0' + value % 10));
  }

  private void append(byte b) {
    if (length == out.length) {
      out = Arrays.copyOf(out, out.length * 2);
    }
    out[length++] = b;
  }
}

package org.epollservers.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a datagram into one printable UTF-8 line, {@code <ip> <port> <payload>\n}, escaping every byte of the
 * payload that could act on a terminal or forge a line; one instance per event loop, as it reuses its scratch space.
 */
public final class DatagramFormatter {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] out = new byte[512];
  private int length;

  /** Formats one datagram; the result is a fresh array the caller may keep. */
  public byte[] format(String host, int port, byte[] payload) {
    length = 0;
    ascii(host);
    append((byte) ' ');
    ascii(Integer.toString(port));
    append((byte) ' ');
    escapeInto(payload);
    append((byte) '\n');
    return Arrays.copyOf(out, length);
  }

  /** The escaped payload of a line {@link #format} made, as text: everything after the port, without the newline. */
  public static String payloadOf(byte[] line) {
    int start = 0;
    for (int spaces = 0; spaces < 2; start++) {
      if (line[start] == ' ') {
        spaces++;
      }
    }
    return new String(line, start, line.length - start - 1, StandardCharsets.UTF_8);
  }

  /** The escaped payload alone, as text: what {@link #format} prints after the port. */
  public String escape(byte[] payload) {
    length = 0;
    escapeInto(payload);
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }

  private void escapeInto(byte[] payload) {
    int i = 0;
    while (i < payload.length) {
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
        i = nonAscii(payload, i);
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
  private int nonAscii(byte[] payload, int start) {
    int size = Utf8.sequenceLength(payload, start);
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

  private void append(byte b) {
    if (length == out.length) {
      out = Arrays.copyOf(out, out.length * 2);
    }
    out[length++] = b;
  }
}

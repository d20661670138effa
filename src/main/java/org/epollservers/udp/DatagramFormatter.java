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

  /** The most an escaped payload byte grows: a control byte becomes {@code \xNN}. */
  private static final int MAX_ESCAPED_BYTES_PER_BYTE = 4;

  /** Room for a space, the longest port, a space and the newline. */
  private static final int LINE_OVERHEAD = 8;

  private byte[] out = new byte[4096];
  private int length;
  private int lines;
  private int lastPayloadStart;
  private String lastHost;
  private byte[] lastHostBytes;

  /** Adds one datagram's line, of the first {@code payloadLength} bytes of {@code payload}, to the block. */
  public void append(String host, int port, byte[] payload, int payloadLength) {
    byte[] hostBytes = hostBytes(host);
    // Room for the whole line is made once, so the per-byte work below needs no bounds check of its own.
    ensureRoom(hostBytes.length + LINE_OVERHEAD + MAX_ESCAPED_BYTES_PER_BYTE * payloadLength);
    System.arraycopy(hostBytes, 0, out, length, hostBytes.length);
    length += hostBytes.length;
    put((byte) ' ');
    decimal(port);
    put((byte) ' ');
    lastPayloadStart = length;
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
    ensureRoom(MAX_ESCAPED_BYTES_PER_BYTE * payload.length);
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

  /** Needs room for {@link #MAX_ESCAPED_BYTES_PER_BYTE} bytes per payload byte. */
  private void escapeInto(byte[] payload, int end) {
    int i = 0;
    while (i < end) {
      // Payloads are mostly printable ASCII: copy each run of it at once, then deal with the byte that ended it.
      int run = i;
      while (i < end && isPlain(payload[i])) {
        i++;
      }
      System.arraycopy(payload, run, out, length, i - run);
      length += i - run;
      if (i == end) {
        return;
      }
      int b = payload[i] & 0xff;
      if (b == '\\') {
        named('\\');
        i++;
      } else if (b < 0x80) {
        controlCharacter(b);
        i++;
      } else {
        i = nonAscii(payload, i, end);
      }
    }
  }

  /** Printable ASCII other than the backslash, which starts escapes and so is escaped itself. */
  private static boolean isPlain(byte b) {
    return b >= 0x20 && b != 0x7f && b != '\\';
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
      System.arraycopy(payload, start, out, length, size);
      length += size;
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
    put((byte) '\\');
    put((byte) c);
  }

  private void hexByte(int b) {
    put((byte) '\\');
    put((byte) 'x');
    put(HEX[b >> 4]);
    put(HEX[b & 0xf]);
  }

  private void unicodeEscape(int codePoint) {
    put((byte) '\\');
    put((byte) 'u');
    for (int shift = 12; shift >= 0; shift -= 4) {
      put(HEX[(codePoint >> shift) & 0xf]);
    }
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

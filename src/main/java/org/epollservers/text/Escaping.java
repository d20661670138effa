package org.epollservers.text;

import java.nio.charset.StandardCharsets;

/**
 * Turns untrusted bytes into printable UTF-8 that cannot act on a terminal, forge a line or hide what it says:
 * the one escaping rule for datagram payloads, cluster messages and everything a refusal repeats back.
 */
public final class Escaping {

  /** The most one input byte grows: a control byte becomes {@code \xNN}. */
  public static final int MAX_BYTES_PER_BYTE = 4;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Escaping() {
  }

  /** The text as {@link #escape} prints its UTF-8 bytes, for messages that repeat what a user or peer sent. */
  public static String printable(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[MAX_BYTES_PER_BYTE * bytes.length];
    return new String(out, 0, escape(bytes, bytes.length, out, 0), StandardCharsets.UTF_8);
  }

  /** The text escaped as {@link #printable} and put in double quotes, for a value repeated in a message. */
  public static String quoted(String text) {
    return '"' + printable(text) + '"';
  }

  /**
   * Escapes {@code in[0..length)} into {@code out} from {@code at}; returns the index after what it wrote.
   * {@code out} must have room for {@link #MAX_BYTES_PER_BYTE} bytes per input byte.
   */
  public static int escape(byte[] in, int length, byte[] out, int at) {
    int i = 0;
    while (i < length) {
      // Mostly printable ASCII: copy each run of it at once, then deal with the byte that ended it.
      int run = i;
      while (i < length && isPlain(in[i])) {
        i++;
      }
      System.arraycopy(in, run, out, at, i - run);
      at += i - run;
      if (i == length) {
        return at;
      }
      int b = in[i] & 0xff;
      if (b >= 0x80) {
        int size = Utf8.sequenceLength(in, i, length);
        if (size == 0) {
          at = hexByte(b, out, at);
          i++;
        } else {
          at = codePoint(in, i, size, out, at);
          i += size;
        }
      } else {
        at = switch (b) {
          case '\\' -> named('\\', out, at);
          case '\n' -> named('n', out, at);
          case '\r' -> named('r', out, at);
          case '\t' -> named('t', out, at);
          default -> hexByte(b, out, at);
        };
        i++;
      }
    }
    return at;
  }

  /** Printable ASCII other than the backslash, which starts escapes and so is escaped itself. */
  private static boolean isPlain(byte b) {
    return b >= 0x20 && b != 0x7f && b != '\\';
  }

  private static int codePoint(byte[] in, int start, int size, byte[] out, int at) {
    int codePoint = Utf8.decode(in, start, size);
    if (!isUnsafe(codePoint)) {
      System.arraycopy(in, start, out, at, size);
      return at + size;
    }
    // \\uNNNN inside the basic plane, \\UNNNNNNNN past it: never longer than the sequence's 4 bytes per byte.
    int digits = codePoint > 0xffff ? 8 : 4;
    out[at++] = '\\';
    out[at++] = (byte) (digits == 8 ? 'U' : 'u');
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out[at++] = HEX[(codePoint >> shift) & 0xf];
    }
    return at;
  }

  /**
   * Code points that act on a terminal or hide from the reader: C1 controls; line and paragraph separators; every
   * format character (bidi marks and overrides, zero-width spaces and joiners, the word joiner, the byte-order mark,
   * the soft hyphen, the tag characters' assigned part); the tag block as a whole; and characters that render as
   * nothing (the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
   * selectors).
   */
  static boolean isUnsafe(int codePoint) {
    if (codePoint <= 0x9f || (codePoint >= 0xe0000 && codePoint <= 0xe007f)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
      || codePoint == 0x034f || codePoint == 0x115f || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xffa0
      || codePoint == 0x17b4 || codePoint == 0x17b5 || (codePoint >= 0x180b && codePoint <= 0x180f);
  }

  private static int named(char c, byte[] out, int at) {
    out[at] = '\\';
    out[at + 1] = (byte) c;
    return at + 2;
  }

  private static int hexByte(int b, byte[] out, int at) {
    out[at] = '\\';
    out[at + 1] = 'x';
    out[at + 2] = HEX[b >> 4];
    out[at + 3] = HEX[b & 0xf];
    return at + 4;
  }
}

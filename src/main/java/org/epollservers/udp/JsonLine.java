package org.epollservers.udp;

import org.epollservers.text.Escaping;

import java.nio.charset.StandardCharsets;

/**
 * Writes one datagram as a JSON object on one line, {@code {"time","host","port","size","text","base64"}}: the text
 * escaped as the text format prints it, then made a JSON string; the payload whole in base64.
 */
final class JsonLine {

  private static final byte[] TIME = "{\"time\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HOST = "\",\"host\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PORT = "\",\"port\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIZE = ",\"size\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TEXT = ",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BASE64 = "\",\"base64\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\"}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ALPHABET =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Fixed parts, two numbers and the time. */
  private static final int OVERHEAD = 128;

  private JsonLine() {
  }

  /**
   * The most {@link #write} writes: the escaped text at most doubles again as a JSON string (each backslash), and
   * base64 takes 4 bytes per 3; the host at most 6 bytes per byte as a JSON string.
   */
  static int maxBytes(int hostLength, int payloadLength) {
    return OVERHEAD + 6 * hostLength + 2 * Escaping.MAX_BYTES_PER_BYTE * payloadLength + (payloadLength + 2) / 3 * 4;
  }

  /**
   * Writes the line into {@code out} from {@code at}, with {@code scratch} (room for {@link Escaping#MAX_BYTES_PER_BYTE}
   * bytes per payload byte) holding the escaped text on the way; returns the index after the line.
   */
  static int write(byte[] time, byte[] host, int port, byte[] payload, int length, byte[] scratch, byte[] out, int at) {
    at = put(TIME, out, at);
    at = put(time, out, at);
    at = put(HOST, out, at);
    at = jsonString(host, host.length, out, at);
    at = put(PORT, out, at);
    at = decimal(port, out, at);
    at = put(SIZE, out, at);
    at = decimal(length, out, at);
    at = put(TEXT, out, at);
    at = jsonString(scratch, Escaping.escape(payload, length, scratch, 0), out, at);
    at = put(BASE64, out, at);
    at = base64(payload, length, out, at);
    return put(END, out, at);
  }

  private static int put(byte[] bytes, byte[] out, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** The contents of a JSON string: UTF-8 passes through, quote and backslash get a backslash, controls {@code \\u00NN}. */
  private static int jsonString(byte[] text, int length, byte[] out, int at) {
    for (int i = 0; i < length; i++) {
      byte b = text[i];
      if (b == '"' || b == '\\') {
        out[at++] = '\\';
        out[at++] = b;
      } else if (b >= 0 && b < 0x20) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = '0';
        out[at++] = '0';
        out[at++] = HEX[b >> 4];
        out[at++] = HEX[b & 0xf];
      } else {
        out[at++] = b;
      }
    }
    return at;
  }

  private static int decimal(int value, byte[] out, int at) {
    int digits = 1;
    for (int rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int k = at + digits - 1; k >= at; k--) {
      out[k] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }

  private static int base64(byte[] in, int length, byte[] out, int at) {
    int i = 0;
    for (; i + 2 < length; i += 3) {
      int bits = (in[i] & 0xff) << 16 | (in[i + 1] & 0xff) << 8 | (in[i + 2] & 0xff);
      out[at++] = ALPHABET[bits >>> 18];
      out[at++] = ALPHABET[(bits >>> 12) & 0x3f];
      out[at++] = ALPHABET[(bits >>> 6) & 0x3f];
      out[at++] = ALPHABET[bits & 0x3f];
    }
    if (i < length) {
      int bits = (in[i] & 0xff) << 16 | (i + 1 < length ? (in[i + 1] & 0xff) << 8 : 0);
      out[at++] = ALPHABET[bits >>> 18];
      out[at++] = ALPHABET[(bits >>> 12) & 0x3f];
      out[at++] = i + 1 < length ? ALPHABET[(bits >>> 6) & 0x3f] : (byte) '=';
      out[at++] = '=';
    }
    return at;
  }
}

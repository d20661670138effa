package org.epollservers.udp;

/**
 * Writes a payload as {@code hexdump -Cv} shows it: per 16 bytes an 8-digit offset, the bytes in hex in two groups
 * of 8 and the printable ASCII between bars ({@code .} for the rest), then a line with the size as the final offset.
 */
final class HexDump {

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** One full row: offset (8), two spaces, 16 × 3 hex columns, the gap between the groups, " |", 16 chars, "|\n". */
  private static final int ROW_BYTES = 8 + 2 + 48 + 1 + 2 + 16 + 2;

  /** Where the bar before the ASCII column starts, from the row's start. */
  private static final int ASCII_BAR = 8 + 2 + 48 + 1 + 1;

  private HexDump() {
  }

  /** The most {@link #write} writes for a payload of {@code length} bytes. */
  static int maxBytes(int length) {
    return (length + 15) / 16 * ROW_BYTES + 9;
  }

  /** Writes the dump of {@code payload[0..length)} into {@code out} from {@code at}; returns the index after it. */
  static int write(byte[] payload, int length, byte[] out, int at) {
    for (int row = 0; row < length; row += 16) {
      int start = at;
      at = offset(row, out, at);
      out[at++] = ' ';
      out[at++] = ' ';
      int end = Math.min(row + 16, length);
      for (int i = row; i < row + 16; i++) {
        if (i == row + 8) {
          out[at++] = ' ';
        }
        if (i < end) {
          out[at++] = HEX[(payload[i] >> 4) & 0xf];
          out[at++] = HEX[payload[i] & 0xf];
        } else {
          // A short last row keeps the ASCII column where the full rows have it, as hexdump does.
          out[at++] = ' ';
          out[at++] = ' ';
        }
        out[at++] = ' ';
      }
      at = start + ASCII_BAR;
      out[at - 1] = ' ';
      out[at++] = '|';
      for (int i = row; i < end; i++) {
        int b = payload[i] & 0xff;
        out[at++] = b >= 0x20 && b < 0x7f ? (byte) b : (byte) '.';
      }
      out[at++] = '|';
      out[at++] = '\n';
    }
    at = offset(length, out, at);
    out[at++] = '\n';
    return at;
  }

  private static int offset(int value, byte[] out, int at) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      out[at++] = HEX[(value >>> shift) & 0xf];
    }
    return at;
  }
}

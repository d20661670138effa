package org.epollservers.text;

/** Strict UTF-8 decoding of single sequences: no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

  private Utf8() {
  }

  /**
   * The length of the well-formed sequence starting at {@code start} (lead byte 0x80 or above) and ending before
   * {@code end}, or 0 if it is not one.
   */
  static int sequenceLength(byte[] bytes, int start, int end) {
    int lead = bytes[start] & 0xff;
    int size;
    int low = 0x80;
    int high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      size = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      low = lead == 0xe0 ? 0xa0 : 0x80;
      high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      low = lead == 0xf0 ? 0x90 : 0x80;
      high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }
    if (start + size > end) {
      return 0;
    }
    int second = bytes[start + 1] & 0xff;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < size; k++) {
      int next = bytes[start + k] & 0xff;
      if (next < 0x80 || next > 0xbf) {
        return 0;
      }
    }
    return size;
  }

  /** The code point of a sequence already known to be well formed. */
  static int decode(byte[] bytes, int start, int size) {
    int codePoint = bytes[start] & (0xff >> (size + 1));
    for (int k = 1; k < size; k++) {
      codePoint = (codePoint << 6) | (bytes[start + k] & 0x3f);
    }
    return codePoint;
  }
}

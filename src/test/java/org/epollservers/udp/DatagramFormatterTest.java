package org.epollservers.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatagramFormatterTest {

  private final DatagramFormatter formatter = new DatagramFormatter();

  private String line(byte[] payload) {
    return new String(formatter.format("10.1.2.3", 5555, payload), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  @DisplayName("a plain payload prints as the seed did: ip, port, payload")
  void plain() {
    assertEquals("10.1.2.3 5555 hello world\n", line("hello world".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("line breaks, tabs and backslashes are escaped so one datagram stays one line")
  void lineBreaks() {
    assertEquals("10.1.2.3 5555 a\\nb\\rc\\td\\\\e\n", line("a\nb\rc\td\\e".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("terminal escapes (ESC, BEL, NUL, DEL) become \\xNN")
  void terminalEscapes() {
    assertEquals("10.1.2.3 5555 \\x1b]0;owned\\x07\\x00\\x7f\n", line("\u001b]0;owned\u0007\u0000\u007f".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("C1 controls, line separators and bidi overrides are escaped as \\uXXXX")
  void unicodeControls() {
    assertEquals("10.1.2.3 5555 \\u009b2J\\u2028\\u202e\n", line("\u009b2J\u2028\u202e".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("invisible characters (bidi marks, zero-width, word joiner, BOM, soft hyphen, fillers, tags) are escaped")
  void invisibleCharacters() {
    assertEquals("10.1.2.3 5555 a\\u200eb\\u200fc\\u061cd\\u200be\\u200cf\\u200dg\\u2060h\\ufeffi\\u00adj\\u3164k\n",
      line("a\u200eb\u200fc\u061cd\u200be\u200cf\u200dg\u2060h\ufeffi\u00adj\u3164k".getBytes(StandardCharsets.UTF_8)));
    String tags = new String(Character.toChars(0xe0000)) + new String(Character.toChars(0xe0041))
      + new String(Character.toChars(0xe007f));
    assertEquals("10.1.2.3 5555 x\\U000e0000\\U000e0041\\U000e007f\n", line(("x" + tags).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("emoji with their variation selector and joiner-free scripts still pass through unchanged")
  void visibleNonAsciiStays() {
    String text = "\u2764\ufe0f \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd";
    assertEquals("10.1.2.3 5555 " + text + "\n", line(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("invalid UTF-8 (lone bytes, overlongs, surrogates, truncation) is escaped byte by byte")
  void invalidUtf8() {
    assertEquals("10.1.2.3 5555 \\x9b\\xc0\\xaf\\xed\\xa0\\x80\\xf0\\x9f\n", line(bytes(0x9b, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf0, 0x9f)));
  }

  @Test
  @DisplayName("well-formed UTF-8 text passes through unchanged")
  void validUtf8() {
    String text = "héllo wörld 日本 🙂";
    assertEquals("10.1.2.3 5555 " + text + "\n", line(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("lines gather into one block, of the given length of each payload, until taken")
  void blocks() {
    byte[] scratch = "first-and-some-leftover".getBytes(StandardCharsets.UTF_8);
    formatter.append("10.0.0.1", 1, scratch, 5);
    formatter.append("10.0.0.2", 65535, "second".getBytes(StandardCharsets.UTF_8), 6);
    assertEquals(2, formatter.lines());
    String block = new String(formatter.take(), StandardCharsets.UTF_8);
    assertEquals("10.0.0.1 1 first\n10.0.0.2 65535 second\n", block);
    assertEquals(0, formatter.lines());
    assertEquals(0, formatter.size());
    assertEquals("10.0.0.3 7 x\n", new String(formatter.format("10.0.0.3", 7, new byte[] {'x'}), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a multi-byte character cut by the payload length is escaped, not read past the end")
  void cutAtLength() {
    byte[] scratch = "ab\u00e9".getBytes(StandardCharsets.UTF_8);
    formatter.append("10.0.0.1", 1, scratch, 3);
    assertEquals("10.0.0.1 1 ab\\xc3\n", new String(formatter.take(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("format and escape refuse to run while a block is being built")
  void refusesMidBlock() {
    formatter.append("10.0.0.1", 1, new byte[] {'x'}, 1);
    assertThrows(IllegalStateException.class, () -> formatter.format("10.0.0.1", 1, new byte[] {'y'}));
    assertThrows(IllegalStateException.class, () -> formatter.escape(new byte[] {'y'}));
  }

  @Test
  @DisplayName("an empty datagram still prints its line")
  void empty() {
    assertEquals("10.1.2.3 5555 \n", line(new byte[0]));
  }

  @Test
  @DisplayName("any bytes come back whole from their escaped line, and the line holds only harmless text")
  void roundTrip() {
    Random random = new Random(20261127);
    List<byte[]> payloads = new ArrayList<>();
    // First, while the block is small: each of these bytes grows the most, to four.
    byte[] controls = new byte[60_000];
    Arrays.fill(controls, (byte) 1);
    payloads.add(controls);
    for (int k = 0; k < 3000; k++) {
      payloads.add(randomPayload(random, random.nextInt(k % 100 == 0 ? 20_000 : 300)));
    }
    for (byte[] payload : payloads) {
      formatter.append("10.0.0.1", 4242, payload, payload.length);
    }
    String[] lines = new String(formatter.take(), StandardCharsets.UTF_8).split("\n", -1);
    assertEquals(payloads.size() + 1, lines.length, "one line per datagram, then nothing after the last newline");
    for (int k = 0; k < payloads.size(); k++) {
      String prefix = "10.0.0.1 4242 ";
      assertEquals(prefix, lines[k].substring(0, prefix.length()));
      String escaped = lines[k].substring(prefix.length());
      escaped.codePoints().forEach(c -> assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || Character.getType(c) == Character.FORMAT
        || (c >= 0xe0000 && c <= 0xe007f), () -> "unsafe U+" + Integer.toHexString(c)));
      assertArrayEquals(payloads.get(k), unescape(escaped), "payload " + k);
    }
  }

  /** Mostly text, as real payloads are, with every kind of byte mixed in. */
  private static byte[] randomPayload(Random random, int length) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] pieces = {"GET / ", "\\", "\n", "é", "日本", "🙂", "\u2028", "\u202e", "\u009b", "\u0085", "\u200e", "\ufeff",
      new String(Character.toChars(0xe0041))};
    while (bytes.size() < length) {
      switch (random.nextInt(4)) {
        case 0 -> bytes.write(random.nextInt(256));
        case 1 -> bytes.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        default -> bytes.write(0x20 + random.nextInt(0x5f));
      }
    }
    return bytes.toByteArray();
  }

  /** The inverse of the escaping: backslash followed by a backslash, n, r, t, xNN or uXXXX back to its bytes. */
  private static byte[] unescape(String escaped) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < escaped.length()) {
      int c = escaped.codePointAt(i);
      if (c != '\\') {
        bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
        continue;
      }
      char kind = escaped.charAt(i + 1);
      switch (kind) {
        case '\\' -> bytes.write('\\');
        case 'n' -> bytes.write('\n');
        case 'r' -> bytes.write('\r');
        case 't' -> bytes.write('\t');
        case 'x' -> bytes.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
        case 'u' -> bytes.writeBytes(new String(Character.toChars(Integer.parseInt(escaped.substring(i + 2, i + 6), 16)))
          .getBytes(StandardCharsets.UTF_8));
        case 'U' -> bytes.writeBytes(new String(Character.toChars(Integer.parseInt(escaped.substring(i + 2, i + 10), 16)))
          .getBytes(StandardCharsets.UTF_8));
        default -> throw new AssertionError("unknown escape \\" + kind + " at " + i);
      }
      i += kind == 'x' ? 4 : kind == 'u' ? 6 : kind == 'U' ? 10 : 2;
    }
    return bytes.toByteArray();
  }
}

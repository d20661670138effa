package org.epollservers.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Refuses at start, naming the key and the file, a PEM file that could not serve: missing, unreadable, or without the
 * block it should hold; otherwise the mistake would surface only at the first handshake, or as a bind failure.
 */
public final class PemFiles {

  /** Far above any certificate chain or key; a larger file is not what the key should name. */
  private static final long MAX_BYTES = 1024 * 1024;

  private PemFiles() {
  }

  /** A file holding at least one certificate ({@code -----BEGIN CERTIFICATE-----}). */
  public static void requireCertificates(String source, String key, String file) {
    require(source, key, file, "CERTIFICATE-----", "PEM certificate");
  }

  /** A file holding a private key ({@code -----BEGIN PRIVATE KEY-----}, or the RSA and EC forms). */
  public static void requirePrivateKey(String source, String key, String file) {
    require(source, key, file, "PRIVATE KEY-----", "PEM private key");
  }

  private static void require(String source, String key, String file, String blockEnd, String what) {
    Path path = Path.of(file);
    String text;
    try {
      if (!Files.isRegularFile(path) || !Files.isReadable(path) || Files.size(path) > MAX_BYTES) {
        throw new IOException("unreadable");
      }
      text = Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new ConfigException(source, key, "cannot read " + file + " (missing, not a file, or not readable)");
    }
    if (!Pattern.compile("-----BEGIN [A-Z0-9 ]*" + blockEnd).matcher(text).find()) {
      throw new ConfigException(source, key, file + " holds no " + what + " (no -----BEGIN ..." + blockEnd + " line)");
    }
  }
}

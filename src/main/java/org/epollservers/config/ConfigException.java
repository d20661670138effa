package org.epollservers.config;

import org.epollservers.text.Escaping;

/** A refused configuration value, naming where it came from and which key is wrong. */
public final class ConfigException extends RuntimeException {

  private final String source;
  private final String key;

  /**
   * @param source where the value came from, as the user named it
   * @param key the dotted key, as the user typed it; empty when the whole source is refused
   * @param problem what is wrong, with any value it repeats already escaped ({@link Escaping#quoted})
   */
  public ConfigException(String source, String key, String problem) {
    super(Escaping.printable(source) + ": " + (key.isEmpty() ? "" : Escaping.printable(key) + ": ") + problem);
    this.source = Escaping.printable(source);
    this.key = Escaping.printable(key);
  }

  /** The file, environment variable or other origin of the refused value, escaped. */
  public String source() {
    return source;
  }

  /** The dotted key that was refused, escaped, or an empty string when the whole source was. */
  public String key() {
    return key;
  }
}

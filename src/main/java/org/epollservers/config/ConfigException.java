package org.epollservers.config;

/** A refused configuration value, naming where it came from and which key is wrong. */
public final class ConfigException extends RuntimeException {

  private final String source;
  private final String key;

  public ConfigException(String source, String key, String problem) {
    super(source + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    this.source = source;
    this.key = key;
  }

  /** The file, environment variable or other origin of the refused value. */
  public String source() {
    return source;
  }

  /** The dotted key that was refused, or an empty string when the whole source was. */
  public String key() {
    return key;
  }
}

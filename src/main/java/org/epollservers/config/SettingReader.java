package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Typed access to the values of an already validated configuration tree. */
final class SettingReader {

  private final JsonObject root;

  SettingReader(JsonObject root) {
    this.root = root;
  }

  String string(Setting setting) {
    return (String) setting.valueIn(root);
  }

  int integer(Setting setting) {
    return ((Number) setting.valueIn(root)).intValue();
  }

  boolean bool(Setting setting) {
    return (Boolean) setting.valueIn(root);
  }

  Duration duration(Setting setting) {
    return Durations.parse(string(setting));
  }

  JsonObject object(Setting setting) {
    return (JsonObject) setting.valueIn(root);
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonObject;

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

  JsonObject object(Setting setting) {
    return (JsonObject) setting.valueIn(root);
  }
}

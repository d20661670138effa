package org.epollservers.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A configuration merged from its sources and validated.
 *
 * @param json the merged tree, as verticles receive it
 * @param config the same, typed
 * @param sources the sources used, lowest priority first
 */
public record LoadedConfig(JsonObject json, AppConfig config, List<String> sources) {
}

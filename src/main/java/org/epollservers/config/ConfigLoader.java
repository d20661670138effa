package org.epollservers.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.epollservers.text.Escaping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the configuration layers in priority order (the defaults of {@link Setting}, the environment file,
 * environment variables, the launcher's {@code -conf}), files through vertx-config's file store, checks each layer
 * on its own so a refusal names it, and merges them.
 */
public final class ConfigLoader {

  /** Held the defaults until they moved into {@link Setting}; one left behind would otherwise be ignored unseen. */
  private static final String RETIRED_DEFAULTS_FILE = "conf/config.json";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final Vertx vertx;
  private final Map<String, String> environment;

  /**
   * @param vertx runs the vertx-config stores
   * @param environment the process environment, for the variables that override single keys
   */
  public ConfigLoader(Vertx vertx, Map<String, String> environment) {
    this.vertx = vertx;
    this.environment = environment;
  }

  /**
   * Loads and validates every layer.
   *
   * @param appEnv the environment name ({@code APP_ENV} or {@code -Dapp.env}), or {@code null}
   * @param confArgument the launcher's {@code -conf} value (a file or inline JSON), or {@code null}
   * @return the merged configuration, or a failure holding a {@link ConfigException}
   */
  public Future<LoadedConfig> load(String appEnv, String confArgument) {
    List<Layer> layers = new ArrayList<>();
    try {
      if (Files.isRegularFile(Path.of(RETIRED_DEFAULTS_FILE))) {
        throw new ConfigException(RETIRED_DEFAULTS_FILE, "", "no longer read, as the defaults are built in "
          + "(docs/configuration.md); move what it changes to conf/<env>.json or -conf, and delete it");
      }
      layers.add(new Layer("defaults", Future.succeededFuture(Setting.defaults())));
      if (appEnv != null) {
        layers.add(environmentFileLayer(appEnv));
      }
      layers.addAll(environmentLayers());
      if (confArgument != null) {
        layers.add(confLayer(confArgument.trim()));
      }
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return Future.join(layers.stream().map(Layer::json).toList()).transform(ignored -> merge(layers));
  }

  /** One source of configuration, lowest priority first, as read (or refused) by vertx-config. */
  private record Layer(String name, Future<JsonObject> json) {
  }

  private static Future<LoadedConfig> merge(List<Layer> layers) {
    try {
      JsonObject merged = new JsonObject();
      List<String> used = new ArrayList<>();
      for (Layer layer : layers) {
        if (layer.json().failed()) {
          throw refusal(layer.name(), layer.json().cause());
        }
        ConfigValidator.check(layer.json().result(), layer.name());
        merged.mergeIn(layer.json().result(), true);
        used.add(layer.name());
      }
      AppConfig config = AppConfig.fromJson(merged, "merged configuration (" + String.join(", ", used) + ")");
      return Future.succeededFuture(new LoadedConfig(merged, config, List.copyOf(used)));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }

  private Layer environmentFileLayer(String appEnv) {
    if (!ENV_NAME.matcher(appEnv).matches()) {
      throw new ConfigException("APP_ENV", "", "must be a simple name such as dev or prod, got " + Escaping.quoted(appEnv));
    }
    String path = "conf/" + appEnv + ".json";
    // The file store reads the working directory first, then the copy packed into the jar.
    String where = Files.isRegularFile(Path.of(path)) ? path : path + " (built into the jar)";
    return fileLayer(path, where + " (APP_ENV=" + appEnv + ")");
  }

  private Layer confLayer(String argument) {
    if (!argument.startsWith("{")) {
      return fileLayer(argument, "-conf " + argument);
    }
    String name = "-conf (inline JSON)";
    try {
      return new Layer(name, Future.succeededFuture(new JsonObject(argument)));
    } catch (DecodeException e) {
      throw refusal(name, e);
    }
  }

  private Layer fileLayer(String path, String name) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
      .setIncludeDefaultStores(false)
      .setScanPeriod(0)
      .addStore(new ConfigStoreOptions().setType("file").setFormat("json").setConfig(new JsonObject().put("path", path))));
    return new Layer(name, retriever.getConfig().eventually(() -> {
      retriever.close();
      return Future.succeededFuture();
    }));
  }

  /** Each environment variable set for a setting becomes a one-key tree, checked on its own so a refusal names it. */
  private List<Layer> environmentLayers() {
    List<Layer> overrides = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      String name = setting.environmentVariable().orElse(null);
      String text = name == null ? null : environment.get(name);
      if (text != null) {
        JsonObject tree = new JsonObject();
        setting.putInto(tree, setting.fromEnvironment(text));
        overrides.add(new Layer("environment " + name, Future.succeededFuture(tree)));
      }
    }
    return overrides;
  }

  private static ConfigException refusal(String source, Throwable cause) {
    if (cause instanceof DecodeException) {
      return new ConfigException(source, "", "malformed JSON: " + firstLine(cause.getMessage()));
    }
    if (cause instanceof FileSystemException) {
      return new ConfigException(source, "", "cannot read the file (missing or unreadable)");
    }
    return new ConfigException(source, "", "cannot read: " + firstLine(String.valueOf(cause.getMessage())));
  }

  private static String firstLine(String message) {
    return message == null ? "" : Escaping.printable(message.lines().findFirst().orElse(""));
  }

  /** The environment variables that override single keys, for documentation and usage messages. */
  public static List<String> environmentVariables() {
    return Arrays.stream(Setting.values()).flatMap(s -> s.environmentVariable().stream()).toList();
  }
}

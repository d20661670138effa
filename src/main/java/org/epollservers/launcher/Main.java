package org.epollservers.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.ExitCodes;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.epollservers.cluster.EventBusTls;
import org.epollservers.config.ConfigException;
import org.epollservers.config.ConfigLoader;
import org.epollservers.config.LoadedConfig;
import org.epollservers.tcp.AcceptorCheck;
import org.epollservers.tcp.TcpTls;
import org.epollservers.text.Escaping;
import org.epollservers.transport.TransportSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * Entry point of the jar: reads the command line, loads and validates the configuration, refusing bad config before
 * anything binds, then runs the Vert.x launcher, which deploys both servers or what the command names.
 */
public final class Main extends VertxApplication {

  /** Exit code for refused configuration (sysexits' EX_CONFIG). */
  public static final int EXIT_CONFIG = 78;

  /** Exit code for a standard output that cannot be written (sysexits' EX_IOERR). */
  public static final int EXIT_IO = 74;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** The launcher must be the jar's Main-Class to honour its Main-Verticle; it never prints usage on stdout. */
  private Main(String[] args, VertxApplicationHooks hooks) {
    super(args, hooks, false, false);
  }

  public static void main(String[] args) {
    int code = run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args) {
    String logFormat = System.getenv("LOG_FORMAT");
    if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
      // Logback found no such appender and would stay silent: refuse before doing anything unseen.
      System.err.println("config refused: environment LOG_FORMAT: must be text or json, got " + Escaping.quoted(logFormat));
      return EXIT_CONFIG;
    }
    LaunchArguments arguments;
    try {
      arguments = LaunchArguments.parse(args);
    } catch (LaunchArguments.Refused bad) {
      System.err.println("bad argument: " + bad.getMessage() + "; -h lists the commands and options");
      return ExitCodes.USAGE;
    }
    String stdout = StdoutCheck.problem();
    if (stdout != null) {
      // Lines written there would go nowhere, or into a file the JVM opened: refuse instead of counting them printed.
      LOG.error("cannot start: {}; run with stdout open, e.g. > datagrams.log or > /dev/null", stdout);
      return EXIT_IO;
    }
    if (arguments.helpOnly()) {
      return print(Usage.TEXT);
    }
    LoadedConfig loaded;
    try {
      loaded = load(arguments.conf());
      if (arguments.command() == Command.CONFIG) {
        JsonObject effective = loaded.json().copy();
        if (arguments.instances() != null) {
          effective.put("instances", arguments.instances());
        }
        return print(effective.encodePrettily() + System.lineSeparator());
      }
      new TransportSelector(loaded.config().transport()).requireAvailable();
      TcpTls.requireReadable(loaded.config().tcp().preamble().tls(), String.join(", ", loaded.sources()));
      AcceptorCheck.requireAvailable(loaded.config().tcp(), String.join(", ", loaded.sources()));
      if (arguments.clustered()) {
        EventBusTls.requireReadable(loaded.config().cluster().tls(), String.join(", ", loaded.sources()));
      }
    } catch (ConfigException e) {
      LOG.atError().addKeyValue("source", e.source()).addKeyValue("key", e.key())
        .log("config refused: {}", e.getMessage());
      return EXIT_CONFIG;
    }
    LOG.info("config from {}", String.join(", ", loaded.sources()));
    if (!ThreadDumpTarget.stderr() && !ThreadDumpTarget.stdoutIsTerminal()) {
      LOG.info("a thread dump (SIGQUIT) would go to stdout among the datagram lines; start java with -XX:+{} "
        + "(as the image does) to send it to stderr", ThreadDumpTarget.FLAG);
    }
    // The launcher sees only arguments already checked, so it never answers with its own usage text.
    return new Main(arguments.launcher().toArray(String[]::new), new LauncherHooks(loaded, arguments.clustered(), arguments.instances())).launch();
  }

  /** Prints the whole text on stdout; a text that could not be written is no success. */
  private static int print(String text) {
    System.out.print(text);
    System.out.flush();
    return System.out.checkError() ? EXIT_IO : 0;
  }

  /** Reads the configuration on a short-lived Vert.x instance, as the real one's transport depends on it. */
  private static LoadedConfig load(String conf) {
    Vertx bootstrap = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    try {
      return new ConfigLoader(bootstrap, System.getenv()).load(appEnv(), conf)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConfigException refused) {
        throw refused;
      }
      throw new ConfigException("configuration", "", Messages.causes(e.getCause()));
    } catch (TimeoutException e) {
      throw new ConfigException("configuration", "", "timed out while reading");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("configuration", "", "interrupted while reading");
    } finally {
      bootstrap.close();
    }
  }

  /** {@code -Dapp.env} wins over {@code APP_ENV}; an empty value means none. */
  private static String appEnv() {
    String name = System.getProperty("app.env");
    if (name == null || name.isEmpty()) {
      name = System.getenv("APP_ENV");
    }
    return name == null || name.isEmpty() ? null : name;
  }
}

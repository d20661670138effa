package org.epollservers.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line, read once: the command, the options this program handles itself ({@code -conf}, {@code -h}),
 * and the arguments handed on to Vert.x's launcher, which then never meets an argument it would refuse.
 *
 * @param command what to run
 * @param verticle the verticle to deploy, or {@code null} for the manifest's
 * @param conf the {@code -conf} value, or {@code null}
 * @param instances the {@code -instances} value, or {@code null}
 * @param helpOnly true when {@code -h} or {@code --help} was given
 * @param clustered true when the node joins the cluster ({@code -cluster}, or a command that implies it)
 * @param launcher the arguments for Vert.x's launcher
 */
record LaunchArguments(Command command, String verticle, String conf, Integer instances, boolean helpOnly,
                       boolean clustered, List<String> launcher) {

  /** An argument that cannot be used, said in one line. */
  static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  /** The launcher's options, as its picocli command declares them; the first name is the one passed on. */
  private enum Option {
    CONF(Value.TEXT, "-conf", "--conf"),
    HELP(Value.NONE, "-h", "-help", "--help"),
    CLUSTER(Value.NONE, "-cluster", "-c", "--cluster"),
    CLUSTER_HOST(Value.TEXT, "-cluster-host", "--cluster-host"),
    CLUSTER_PORT(Value.PORT, "-cluster-port", "--cluster-port"),
    CLUSTER_PUBLIC_HOST(Value.TEXT, "-cluster-public-host", "--cluster-public-host"),
    CLUSTER_PUBLIC_PORT(Value.PORT, "-cluster-public-port", "--cluster-public-port"),
    INSTANCES(Value.COUNT, "-instances", "--instances"),
    OPTIONS(Value.TEXT, "-options", "--options", "-vertx-options", "--vertx-options"),
    DEPLOYMENT_OPTIONS(Value.TEXT, "-deployment-options", "--deployment-options"),
    WORKER(Value.NONE, "-worker", "-w", "--worker"),
    VIRTUAL_THREAD(Value.NONE, "-virtual-thread", "-vt", "--virtual-thread");

    private static final Map<String, Option> BY_NAME = Stream.of(values())
      .flatMap(option -> option.names.stream().map(name -> Map.entry(name, option)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final Value value;
    private final List<String> names;

    Option(Value value, String... names) {
      this.value = value;
      this.names = List.of(names);
    }
  }

  /** What an option takes: nothing, any text, a port number, or a count of at least one. */
  private enum Value {
    NONE, TEXT, PORT, COUNT
  }

  /** Reads the arguments; {@code -h} wins over any mistake, otherwise the first mistake is refused. */
  static LaunchArguments parse(String[] args) {
    Command command = null;
    String verticle = null;
    String conf = null;
    Integer instances = null;
    boolean help = false;
    boolean cluster = false;
    List<String> mistakes = new ArrayList<>();
    List<String> launcher = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        Optional<Command> named = Command.named(arg);
        if (command != null) {
          mistakes.add("unexpected argument '" + arg + "' after " + describe(command, verticle));
        } else if (named.isPresent()) {
          command = named.get();
          verticle = command.verticle();
        } else if (arg.contains(".") || arg.contains(":")) {
          // A class name, or a verticle factory's prefix such as js:, as the launcher took before the commands.
          command = Command.VERTICLE;
          verticle = arg;
        } else {
          mistakes.add("unknown command '" + arg + "'");
        }
        continue;
      }
      // The launcher matches option names case-insensitively and takes a value after a space or an equals sign.
      int equals = arg.indexOf('=');
      String name = (equals < 0 ? arg : arg.substring(0, equals)).toLowerCase(Locale.ROOT);
      Option option = Option.BY_NAME.get(name);
      if (option == null) {
        // A JVM option typed after -jar reaches the program; say where it belongs.
        String jvm = arg.startsWith("-D") || arg.startsWith("-X") ? " (options for java go before -jar)" : "";
        mistakes.add("unknown option " + (equals < 0 ? arg : arg.substring(0, equals)) + jvm);
        continue;
      }
      String value = null;
      if (option.value == Value.NONE) {
        if (equals >= 0) {
          mistakes.add(name + " takes no value");
        }
      } else if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        mistakes.add(name + " needs a value");
        continue;
      }
      String wrong = check(name, option.value, value);
      if (wrong != null) {
        mistakes.add(wrong);
        continue;
      }
      switch (option) {
        case CONF -> conf = value;
        case HELP -> help = true;
        case CLUSTER -> cluster = true;
        default -> {
          if (option == Option.INSTANCES) {
            instances = Integer.valueOf(value.trim());
          }
          launcher.add(option.names.get(0));
          if (value != null) {
            launcher.add(value);
          }
        }
      }
    }
    command = command == null ? Command.SERVE : command;
    if (instances != null && (command == Command.STATUS || command == Command.TAIL)) {
      mistakes.add("-instances is for serving; " + command.word() + " runs once");
    }
    if (!mistakes.isEmpty() && !help) {
      throw new Refused(mistakes.get(0));
    }
    boolean clustered = cluster || command.joinsCluster();
    if (clustered) {
      launcher.add(0, "-cluster");
    }
    if (verticle != null) {
      launcher.add(0, verticle);
    }
    return new LaunchArguments(command, verticle, conf, instances, help, clustered, List.copyOf(launcher));
  }

  /** What is wrong with an option's value, or {@code null}. */
  private static String check(String name, Value kind, String value) {
    if (kind == Value.NONE || kind == Value.TEXT) {
      return null;
    }
    int number;
    try {
      number = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (kind == Value.PORT && (number < 0 || number > 65535)) {
      return name + " must be a port number from 0 to 65535, got '" + value + "'";
    }
    if (kind == Value.COUNT && number < 1) {
      return name + " must be a whole number from 1, got '" + value + "'";
    }
    return null;
  }

  private static String describe(Command command, String verticle) {
    return command == Command.VERTICLE ? verticle : command.word();
  }
}

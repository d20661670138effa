package org.epollservers.launcher;

import java.util.Locale;

/**
 * What this program needs to know from the launcher's arguments before the launcher itself runs:
 * the {@code -conf} value, so it can be refused when bad, and whether only help was asked for.
 *
 * @param conf the {@code -conf} value, or {@code null}
 * @param helpOnly true when {@code -h} or {@code --help} was given
 * @param clustered true when {@code -cluster} (or {@code -c}) was given
 */
record LaunchArguments(String conf, boolean helpOnly, boolean clustered) {

  static LaunchArguments scan(String[] args) {
    String conf = null;
    boolean help = false;
    boolean clustered = false;
    for (int i = 0; i < args.length; i++) {
      // The launcher matches option names case-insensitively; so must this scan.
      String arg = args[i].toLowerCase(Locale.ROOT);
      if (arg.equals("-conf") || arg.equals("--conf")) {
        conf = i + 1 < args.length ? args[++i] : null;
      } else if (arg.startsWith("-conf=") || arg.startsWith("--conf=")) {
        conf = args[i].substring(args[i].indexOf('=') + 1);
      } else if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help")) {
        help = true;
      } else if (arg.equals("-c") || arg.equals("-cluster") || arg.equals("--cluster")) {
        clustered = true;
      }
    }
    return new LaunchArguments(conf, help, clustered);
  }
}

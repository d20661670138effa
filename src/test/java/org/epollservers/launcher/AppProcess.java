package org.epollservers.launcher;

import org.epollservers.config.ConfigLoader;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar running as a real process, with its stdout and stderr collected line by line. */
final class AppProcess implements AutoCloseable {

  private static final Path JAR = Path.of(System.getProperty("app.jar", "target/epoll-servers.jar")).toAbsolutePath();
  private static final Pattern TCP_LISTENING = Pattern.compile("tcp listening on (\\S+):(\\d+)");
  private static final Pattern UDP_LISTENING = Pattern.compile("udp listening on (\\S+):(\\d+)");

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final List<Thread> readers;

  /** Where the process's stdout goes. */
  enum Stdout {
    /** A pipe read line by line into {@link #stdout()}. */
    COLLECTED,
    /** A pipe nobody reads: once the kernel's pipe buffer is full, every write blocks, as with a stopped reader. */
    UNREAD,
    /** {@code /dev/full}: every write fails. */
    FULL,
    /** Closed before the JVM starts ({@code >&-}). */
    CLOSED
  }

  private AppProcess(Process process, boolean collectStdout) {
    this.process = process;
    this.readers = collectStdout ? List.of(collect(process.getInputStream(), stdout), collect(process.getErrorStream(), stderr))
      : List.of(collect(process.getErrorStream(), stderr));
  }

  /**
   * Starts {@code java [jvmArgs] -jar epoll-servers.jar [args]} in {@code dir}, with the project's environment
   * variables cleared and then {@code env} set.
   */
  static AppProcess start(Path dir, List<String> jvmArgs, List<String> args, Map<String, String> env) throws IOException {
    return start(dir, List.of(), jvmArgs, args, env, Stdout.COLLECTED);
  }

  /** As {@link #start(Path, String...)}, with stdout sent where {@code where} says. */
  static AppProcess startWithStdout(Path dir, Stdout where, String... args) throws IOException {
    List<String> prefix = where == Stdout.CLOSED ? List.of("bash", "-c", "exec \"$0\" \"$@\" >&-") : List.of();
    return start(dir, prefix, List.of(), List.of(args), Map.of(), where);
  }

  /** As {@link #start(Path, String...)}, with the process's open-file limit ({@code ulimit -n}) set to {@code limit}. */
  static AppProcess startWithOpenFileLimit(Path dir, int limit, String... args) throws IOException {
    // bash execs java, so the process (and its pid) is the JVM itself.
    return start(dir, List.of("bash", "-c", "ulimit -n " + limit + " && exec \"$0\" \"$@\""), List.of(), List.of(args),
      Map.of(), Stdout.COLLECTED);
  }

  /**
   * As {@link #start(Path, String...)}, with SIGINT at its default action even when this JVM was started with it
   * ignored (as a background job is), since the JVM then ignores it too.
   */
  static AppProcess startInterruptible(Path dir, String... args) throws IOException {
    return start(dir, List.of("env", "--default-signal=INT"), List.of(), List.of(args), Map.of(), Stdout.COLLECTED);
  }

  private static AppProcess start(Path dir, List<String> prefix, List<String> jvmArgs, List<String> args,
                                  Map<String, String> env, Stdout where) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("APP_ENV");
    ConfigLoader.environmentVariables().forEach(builder.environment()::remove);
    // The UDP warm-up adds most of a second to every start and matters only under load: a test that wants it says so.
    builder.environment().put("UDP_WARM_UP_DATAGRAMS", "0");
    builder.environment().putAll(env);
    if (where == Stdout.FULL) {
      builder.redirectOutput(new File("/dev/full"));
    }
    return new AppProcess(builder.start(), where == Stdout.COLLECTED);
  }

  static AppProcess start(Path dir, String... args) throws IOException {
    return start(dir, List.of(), List.of(args), Map.of());
  }

  private static Thread collect(InputStream stream, List<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // The process ended.
      }
    });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Waits for a stderr line matching {@code pattern}; fails with everything seen so far. */
  Matcher awaitStderr(Pattern pattern) throws InterruptedException {
    return await(stderr, pattern, Duration.ofSeconds(60));
  }

  /** Waits for a stdout line matching {@code pattern}. */
  Matcher awaitStdout(Pattern pattern) throws InterruptedException {
    return await(stdout, pattern, Duration.ofSeconds(60));
  }

  /** Whether a stdout line matching {@code pattern} appears within {@code timeout}. */
  boolean stdoutWithin(Pattern pattern, Duration timeout) throws InterruptedException {
    try {
      await(stdout, pattern, timeout);
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  private Matcher await(List<String> lines, Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          Matcher matcher = pattern.matcher(line);
          if (matcher.find()) {
            return matcher;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no line matching " + pattern + "\nstdout: " + stdout() + "\nstderr: " + stderr());
        }
        TimeUnit.NANOSECONDS.timedWait(lines, left);
      }
    }
  }

  int tcpPort() throws InterruptedException {
    return Integer.parseInt(awaitStderr(TCP_LISTENING).group(2));
  }

  int udpPort() throws InterruptedException {
    return Integer.parseInt(awaitStderr(UDP_LISTENING).group(2));
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("still running\nstderr: " + stderr());
    }
    for (Thread reader : readers) {
      reader.join(5_000);
    }
    return process.exitValue();
  }

  /** Sends SIGTERM, as a container stop does, and returns the exit code. */
  int terminate() throws InterruptedException {
    // Process.destroy() would also close our ends of the pipes and lose the last lines; the handle only signals.
    process.toHandle().destroy();
    return awaitExit();
  }

  /** Sends SIGINT, as Ctrl-C at a terminal does, and returns the exit code. */
  int interrupt() throws Exception {
    if (new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor() != 0) {
      throw new AssertionError("kill -INT failed");
    }
    return awaitExit();
  }

  long pid() {
    return process.pid();
  }

  List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  @Override
  public void close() {
    kill();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs. Waits until the process is gone. */
  void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package org.epollservers.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

import java.util.Map;

/**
 * The log set up in code, not by parsing a logback.xml (which took about a tenth of a second of every start): one line
 * per record on stderr, as text or, with {@code LOG_FORMAT=json}, one JSON object per line. A configuration file
 * named with {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {

  /**
   * One record, one line: line breaks fold and a stack trace shrinks to its first frame, so logs stay greppable.
   */
  private static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger{0}] "
    + "%replace(%msg){'\\s*[\\r\\n]+\\s*', ' '}%replace(%replace(%ex{1}){'\\s+', ' '}){'^ ?(.+?) ?$', ' $1'}%nopex%n";

  /** Levels other than the root's INFO, and why. */
  private static final Map<String, Level> LEVELS = Map.of(
    "io.netty", Level.WARN,
    // Vert.x's launcher repeats what LauncherHooks says (a failed start would be told twice).
    "io.vertx.launcher.application.VertxApplication", Level.OFF,
    // Hazelcast is chatty; membership changes are what an operator needs.
    "com.hazelcast", Level.WARN,
    "com.hazelcast.internal.cluster.ClusterService", Level.INFO,
    "com.hazelcast.cp.CPSubsystem", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // Logback's own status lines would go to stdout, which is reserved for datagrams (LOG_FORMAT is checked in Main).
    context.getStatusManager().add(new NopStatusListener());
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder("json".equals(System.getenv("LOG_FORMAT")) ? json(context) : text(context));
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMDC(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}

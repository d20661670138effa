package org.epollservers;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The events one logger logs while attached, from whatever thread logs them; for tests that read what was said. */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

  private final Logger logger;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
  }

  /** Starts collecting what the logger named {@code name} logs. */
  public static LogCapture attach(String name) {
    LogCapture capture = new LogCapture((Logger) LoggerFactory.getLogger(name));
    capture.setContext(capture.logger.getLoggerContext());
    capture.start();
    capture.logger.addAppender(capture);
    return capture;
  }

  public void detach() {
    logger.detachAppender(this);
  }

  public List<ILoggingEvent> events() {
    return events;
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }
}

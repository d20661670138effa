package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Splits one client's request into lines and reports, once, the blank line that ends the headers
 * ({@code \n\n} or {@code \n\r\n}), or that the headers grew past their limit.
 */
final class HeaderScanner implements Handler<Buffer> {

  /** What the scanner concluded about the request. */
  interface Listener {
    void headersEnded();

    void headersTooLarge();
  }

  private final RecordParser lines;
  private final int maxHeaderBytes;
  private final Listener listener;
  private int headerBytes;
  private boolean done;

  HeaderScanner(int maxHeaderBytes, Listener listener) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.listener = listener;
    // The parser holds at most one partial line, so memory per connection stays bounded by the limit.
    this.lines = RecordParser.newDelimited("\n", this::line)
      .maxRecordSize(maxHeaderBytes)
      .exceptionHandler(tooLong -> finish(false));
  }

  @Override
  public void handle(Buffer bytes) {
    if (!done) {
      lines.handle(bytes);
    }
  }

  private void line(Buffer line) {
    if (done) {
      return;
    }
    headerBytes += line.length() + 1;
    if (line.length() == 0 || (line.length() == 1 && line.getByte(0) == '\r')) {
      finish(true);
    } else if (headerBytes > maxHeaderBytes) {
      finish(false);
    }
  }

  private void finish(boolean ended) {
    if (done) {
      return;
    }
    done = true;
    if (ended) {
      listener.headersEnded();
    } else {
      listener.headersTooLarge();
    }
  }
}

package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;

/**
 * Splits one client's request into lines and reports, once, the blank line that ends the headers
 * ({@code \n\n} or {@code \n\r\n}), or that the headers grew past their limit.
 */
final class HeaderScanner implements Handler<Buffer> {

  /** What the scanner concluded about the request. */
  interface Listener {
    /**
     * The headers ended.
     *
     * @param moreMayFollow bytes came after the blank line, or the headers announced a body
     */
    void headersEnded(boolean moreMayFollow);

    void headersTooLarge();
  }

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

  private final RecordParser lines;
  private final int maxHeaderBytes;
  private final Listener listener;
  private long received;
  private long headerBytes;
  private boolean bodyAnnounced;
  private boolean done;

  HeaderScanner(int maxHeaderBytes, Listener listener) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.listener = listener;
    // The parser holds at most one partial line, so memory per connection stays bounded by the limit.
    this.lines = RecordParser.newDelimited("\n", this::line)
      .maxRecordSize(maxHeaderBytes)
      .exceptionHandler(tooLong -> tooLarge());
  }

  @Override
  public void handle(Buffer bytes) {
    if (!done) {
      received += bytes.length();
      lines.handle(bytes);
    }
  }

  private void line(Buffer line) {
    if (done) {
      return;
    }
    headerBytes += line.length() + 1;
    if (line.length() == 0 || (line.length() == 1 && line.getByte(0) == '\r')) {
      done = true;
      listener.headersEnded(bodyAnnounced || received > headerBytes);
    } else if (headerBytes > maxHeaderBytes) {
      tooLarge();
    } else if (startsWithIgnoringCase(line, TRANSFER_ENCODING)
      || (startsWithIgnoringCase(line, CONTENT_LENGTH) && !declaresZeroLength(line))) {
      bodyAnnounced = true;
    }
  }

  private void tooLarge() {
    if (!done) {
      done = true;
      listener.headersTooLarge();
    }
  }

  private static boolean startsWithIgnoringCase(Buffer line, byte[] lowerCasePrefix) {
    if (line.length() < lowerCasePrefix.length) {
      return false;
    }
    for (int i = 0; i < lowerCasePrefix.length; i++) {
      if ((line.getByte(i) | 0x20) != lowerCasePrefix[i] && line.getByte(i) != lowerCasePrefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean declaresZeroLength(Buffer line) {
    return line.getString(CONTENT_LENGTH.length, line.length(), "US-ASCII").trim().equals("0");
  }
}

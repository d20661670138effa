package org.epollservers.tcp;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;

/**
 * Splits one client's requests into lines and reports the blank line that ends each head ({@code \n\n} or
 * {@code \n\r\n}), or that a head grew past its limit; notes on the way what keep-alive needs (version, Connection,
 * body framing) and, if asked, the request line. After each head it pauses until told to go on or stop, keeping the
 * bytes already read past it.
 */
final class HeaderScanner implements Handler<Buffer> {

  /** What the scanner concluded about the request. */
  interface Listener {
    /**
     * The headers ended; the scanner is paused until {@link #next} or {@link #stop}.
     *
     * @param moreMayFollow bytes came after the blank line, or the headers announced a body
     */
    void headersEnded(boolean moreMayFollow);

    void headersTooLarge();

    /** The body of the request last answered has been skipped whole and nothing of a next request has come yet. */
    void bodySkipped();
  }

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
  private static final Buffer LINE_END = Buffer.buffer("\n");

  /**
   * The most of a request line kept for the access log: every line queued for the log holds one, so a client sending
   * heads of {@code tcp.maxHeaderBytes} while stderr lags would otherwise fill the heap through the log's queue.
   */
  static final int LOGGED_REQUEST_LINE_BYTES = 1024;
  private static final byte[] CUT_MARK = "...".getBytes(StandardCharsets.US_ASCII);

  private final RecordParser lines;
  private final int maxHeaderBytes;
  private final Listener listener;
  private final boolean keepRequestLine;
  /** Bytes handed in, and bytes parsed as head lines or skipped as bodies: the difference is read but not yet seen. */
  private long received;
  private long consumed;
  private long headerBytes;
  private boolean done;
  private boolean paused;
  /** A request has been answered on this connection and the scanner went on to the next. */
  private boolean kept;
  // What the current request said, reset by next().
  private byte[] requestLine;
  private boolean firstLine = true;
  private boolean http11;
  private boolean askedKeepAlive;
  private boolean askedClose;
  private boolean chunked;
  private long bodyLength;
  private boolean lengthUnreadable;
  private long bodyLeft;

  /** @param keepRequestLine whether to keep each request line, for the access log */
  HeaderScanner(int maxHeaderBytes, Listener listener, boolean keepRequestLine) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.listener = listener;
    this.keepRequestLine = keepRequestLine;
    // The parser holds at most one partial line (or body chunk), or while paused what one read brought, so memory per
    // connection stays bounded by the limit and the read size.
    this.lines = RecordParser.newDelimited(LINE_END, this::record)
      .maxRecordSize(maxHeaderBytes)
      .exceptionHandler(tooLong -> {
        // While paused, bytes of later requests wait in the parser and may well exceed one line's limit: not an error.
        if (!paused) {
          tooLarge();
        }
      });
  }

  @Override
  public void handle(Buffer bytes) {
    if (!done) {
      received += bytes.length();
      lines.handle(bytes);
    }
  }

  private void record(Buffer record) {
    if (done) {
      return;
    }
    if (bodyLeft > 0) {
      skipped(record.length());
    } else {
      line(record);
    }
  }

  private void line(Buffer line) {
    headerBytes += line.length() + 1;
    consumed += line.length() + 1;
    boolean blank = line.length() == 0 || (line.length() == 1 && line.getByte(0) == '\r');
    if (blank && kept && firstLine) {
      // Line ends left over between kept requests (some clients add one after a body) are not a request of their own.
      headerBytes = 0;
    } else if (blank) {
      paused = true;
      lines.pause();
      listener.headersEnded(bodyLength > 0 || chunked || received > consumed);
    } else if (headerBytes > maxHeaderBytes) {
      tooLarge();
    } else if (firstLine) {
      firstLine = false;
      requestLine(line);
    } else if (startsWithIgnoringCase(line, TRANSFER_ENCODING)) {
      chunked = true;
    } else if (startsWithIgnoringCase(line, CONTENT_LENGTH)) {
      contentLength(line);
    } else if (startsWithIgnoringCase(line, CONNECTION)) {
      connection(line);
    }
  }

  private void requestLine(Buffer line) {
    int end = line.getByte(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
    http11 = endsWith(line, end, HTTP_1_1);
    if (keepRequestLine) {
      requestLine = end <= LOGGED_REQUEST_LINE_BYTES ? line.getBytes(0, end) : cut(line);
    }
  }

  private void contentLength(Buffer line) {
    String value = line.getString(CONTENT_LENGTH.length, line.length(), "ISO-8859-1").trim();
    try {
      long length = Long.parseLong(value);
      if (length < 0) {
        lengthUnreadable = true;
        bodyLength = Math.max(bodyLength, 1);
      } else {
        bodyLength = length;
      }
    } catch (NumberFormatException e) {
      // A body of unknown length: the end of this request cannot be found, so the connection must not be kept.
      lengthUnreadable = true;
      bodyLength = Math.max(bodyLength, 1);
    }
  }

  private void connection(Buffer line) {
    for (String token : line.getString(CONNECTION.length, line.length(), "ISO-8859-1").split(",")) {
      String option = token.trim();
      if (option.equalsIgnoreCase("close")) {
        askedClose = true;
      } else if (option.equalsIgnoreCase("keep-alive")) {
        askedKeepAlive = true;
      }
    }
  }

  private void skipped(int bytes) {
    consumed += bytes;
    bodyLeft -= bytes;
    if (bodyLeft == 0) {
      lines.delimitedMode(LINE_END);
      if (received == consumed) {
        listener.bodySkipped();
      }
    } else {
      lines.fixedSizeMode(bodyChunk());
    }
  }

  /** Body bytes are taken in chunks no larger than a head line, so the parser never holds more than the limit. */
  private int bodyChunk() {
    return (int) Math.min(bodyLeft, maxHeaderBytes);
  }

  private void tooLarge() {
    if (!done) {
      done = true;
      listener.headersTooLarge();
    }
  }

  /**
   * Whether the request just ended may leave the connection open: it asked for persistence ({@code Connection: close}
   * wins, then {@code keep-alive}, else HTTP/1.1's default), and its body has a known length that can be skipped.
   */
  boolean persistent() {
    boolean asked = !askedClose && (askedKeepAlive || http11);
    return asked && !chunked && !lengthUnreadable;
  }

  /** The request line of the request just ended, without its line end; {@code null} unless kept or before it came. */
  /** The first {@link #LOGGED_REQUEST_LINE_BYTES} bytes of a longer request line, marked as cut. */
  private static byte[] cut(Buffer line) {
    byte[] kept = new byte[LOGGED_REQUEST_LINE_BYTES + CUT_MARK.length];
    line.getBytes(0, LOGGED_REQUEST_LINE_BYTES, kept, 0);
    System.arraycopy(CUT_MARK, 0, kept, LOGGED_REQUEST_LINE_BYTES, CUT_MARK.length);
    return kept;
  }

  byte[] requestLine() {
    return requestLine;
  }

  /**
   * Goes on to the next request: skips the body of the one just ended (counted, never kept) and scans what follows.
   * Call after {@link Listener#headersEnded}; may report the next head before it returns.
   */
  void next() {
    kept = true;
    bodyLeft = bodyLength;
    headerBytes = 0;
    firstLine = true;
    requestLine = null;
    http11 = false;
    askedKeepAlive = false;
    askedClose = false;
    chunked = false;
    bodyLength = 0;
    lengthUnreadable = false;
    if (bodyLeft > 0) {
      lines.fixedSizeMode(bodyChunk());
    }
    paused = false;
    lines.resume();
  }

  /**
   * Whether the client is mid-request once the request just ended is answered: it announced a body to skip, or bytes
   * past its head have come already. Call before {@link #next}.
   */
  boolean midRequest() {
    return received > consumed || bodyLength > 0;
  }

  /** Ignores everything from now on. */
  void stop() {
    done = true;
  }

  private static boolean endsWith(Buffer line, int end, byte[] suffix) {
    if (end < suffix.length) {
      return false;
    }
    for (int i = 0; i < suffix.length; i++) {
      if (line.getByte(end - suffix.length + i) != suffix[i]) {
        return false;
      }
    }
    return true;
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
}

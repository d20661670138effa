package org.epollservers.tcp;

import io.vertx.core.net.SocketAddress;
import org.epollservers.text.Escaping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes one line per exchange to stderr from a thread of its own: event loops hand entries over through a bounded
 * queue and never wait, so a slow or stalled stderr costs dropped (and counted) lines, not a stalled loop.
 */
final class AccessLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.epollservers.tcp.access");
  /**
   * Entries waiting for stderr, each at most a request line of {@link HeaderScanner#LOGGED_REQUEST_LINE_BYTES} and a
   * few dozen bytes more: at most about 18 MiB, a fifth of a second of lines at the highest rates measured.
   */
  private static final int QUEUE_ENTRIES = 16_384;
  private static AccessLog shared;

  /**
   * One exchange as the log shows it.
   *
   * @param requestLine the raw request line, escaped only when written; {@code null} if none came whole
   * @param status the status code sent, or {@code -} when no response was sent
   * @param nanos from the request's first byte (as far as the server can tell) to the end of the write or the close
   */
  record Entry(SocketAddress client, byte[] requestLine, String status, long bytes, long nanos) {
  }

  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_ENTRIES);

  private AccessLog() {
    Thread writer = new Thread(this::write, "tcp-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** The one writer of this JVM, started the first time a server with the access log on asks. */
  static synchronized AccessLog shared() {
    if (shared == null) {
      shared = new AccessLog();
    }
    return shared;
  }

  /** Hands {@code entry} to the writer; {@code false} if the queue is full and the line is dropped. */
  boolean offer(Entry entry) {
    return queue.offer(entry);
  }

  private void write() {
    while (true) {
      try {
        print(queue.take());
      } catch (InterruptedException stop) {
        return;
      } catch (RuntimeException e) {
        // A line that cannot be printed must not end the writer for every line after it.
        LOG.warn("access log line failed: {}", e.toString());
      }
    }
  }

  static String escaped(byte[] requestLine) {
    if (requestLine == null) {
      return "-";
    }
    byte[] out = new byte[Escaping.MAX_BYTES_PER_BYTE * requestLine.length];
    return new String(out, 0, Escaping.escape(requestLine, requestLine.length, out, 0), StandardCharsets.UTF_8);
  }

  private static void print(Entry entry) {
    String host = entry.client() == null ? "-" : entry.client().hostAddress();
    int port = entry.client() == null ? -1 : entry.client().port();
    String request = escaped(entry.requestLine());
    String millis = String.format(Locale.ROOT, "%.3f", entry.nanos() / 1e6);
    LOG.atInfo().addKeyValue("client", host).addKeyValue("port", port).addKeyValue("request", request)
      .addKeyValue("status", entry.status()).addKeyValue("bytes", entry.bytes()).addKeyValue("durationMs", millis)
      .log("{}:{} \"{}\" {} {} {}ms", host, port, request, entry.status(), entry.bytes(), millis);
  }
}

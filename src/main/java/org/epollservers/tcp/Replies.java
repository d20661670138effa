package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * The fixed byte sequences the TCP server sends, built once at start and shared by every connection, in whatever
 * form ({@code T}) an acceptor writes them.
 *
 * @param response the canned response
 * @param headersTooLarge the refusal sent when the request head exceeds its limit
 * @param kept the response with {@code Connection: keep-alive}; {@code null} when keep-alive is off
 * @param closing the response with {@code Connection: close}; {@code null} when keep-alive is off
 */
record Replies<T>(T response, T headersTooLarge, T kept, T closing) {

  static final Buffer HEADERS_TOO_LARGE = Buffer.buffer(
    "HTTP/1.0 431 Request Header Fields Too Large\r\nContent-Type: text/plain\r\nContent-Length: 32\r\n\r\n"
      + "Request header fields too large\n");

  T bytes(Reply reply) {
    return switch (reply) {
      case RESPONSE -> response;
      case HEADERS_TOO_LARGE -> headersTooLarge;
      case KEPT_RESPONSE -> kept;
      case CLOSING_RESPONSE -> closing;
    };
  }

  /** Every reply turned into another form, once. */
  <U> Replies<U> map(Function<T, U> form) {
    return new Replies<>(form.apply(response), form.apply(headersTooLarge), kept == null ? null : form.apply(kept),
      closing == null ? null : form.apply(closing));
  }

  static Replies<Buffer> withResponse(Buffer response) {
    return new Replies<>(response, HEADERS_TOO_LARGE, null, null);
  }

  /** The response and its two keep-alive variants, for a server that keeps connections. */
  static Replies<Buffer> withKeepAlive(Buffer response) {
    return new Replies<>(response, HEADERS_TOO_LARGE, CannedResponse.withConnection(response, "keep-alive"),
      CannedResponse.withConnection(response, "close"));
  }
}

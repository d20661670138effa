package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * The fixed byte sequences the TCP server sends, built once at start and shared by every connection, in whatever
 * form ({@code T}) an acceptor writes them.
 *
 * @param response the canned response
 * @param headersTooLarge the refusal sent when the request head exceeds its limit
 */
record Replies<T>(T response, T headersTooLarge) {

  static final Buffer HEADERS_TOO_LARGE = Buffer.buffer(
    "HTTP/1.0 431 Request Header Fields Too Large\r\nContent-Type: text/plain\r\nContent-Length: 32\r\n\r\n"
      + "Request header fields too large\n");

  T bytes(Reply reply) {
    return reply == Reply.RESPONSE ? response : headersTooLarge;
  }

  /** Both replies turned into another form, once. */
  <U> Replies<U> map(Function<T, U> form) {
    return new Replies<>(form.apply(response), form.apply(headersTooLarge));
  }

  static Replies<Buffer> withResponse(Buffer response) {
    return new Replies<>(response, HEADERS_TOO_LARGE);
  }
}

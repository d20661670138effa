package org.epollservers.tcp;

import io.vertx.core.buffer.Buffer;

/**
 * The fixed byte sequences the TCP server sends, built once at start and shared by every connection.
 *
 * @param response the canned response
 * @param headersTooLarge the refusal sent when the request head exceeds its limit
 */
record Replies(Buffer response, Buffer headersTooLarge) {

  static final Buffer HEADERS_TOO_LARGE = Buffer.buffer(
    "HTTP/1.0 431 Request Header Fields Too Large\r\nContent-Type: text/plain\r\nContent-Length: 32\r\n\r\n"
      + "Request header fields too large\n");

  Buffer bytes(Reply reply) {
    return reply == Reply.RESPONSE ? response : headersTooLarge;
  }

  static Replies withResponse(Buffer response) {
    return new Replies(response, HEADERS_TOO_LARGE);
  }
}

package org.epollservers.tcp;

/** The two answers the TCP server ever gives; each acceptor keeps their bytes in its own form, built once. */
enum Reply {
  /** The canned response. */
  RESPONSE,
  /** {@code 431 Request Header Fields Too Large}. */
  HEADERS_TOO_LARGE
}

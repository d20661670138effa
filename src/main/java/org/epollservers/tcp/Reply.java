package org.epollservers.tcp;

/** The answers the TCP server ever gives; each acceptor keeps their bytes in its own form, built once. */
enum Reply {
  /** The canned response, exactly as configured: every answer when keep-alive is off. */
  RESPONSE,
  /** {@code 431 Request Header Fields Too Large}. */
  HEADERS_TOO_LARGE,
  /** With keep-alive on: the canned response with {@code Connection: keep-alive}; the connection stays. */
  KEPT_RESPONSE,
  /** With keep-alive on: the canned response with {@code Connection: close}; the connection closes after it. */
  CLOSING_RESPONSE
}

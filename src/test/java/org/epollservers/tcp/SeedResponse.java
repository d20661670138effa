package org.epollservers.tcp;

import java.nio.charset.StandardCharsets;

/** The seed's response, byte for byte, written out independently of the code under test. */
final class SeedResponse {

  static final byte[] BYTES = ("HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
    + "Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n" + "H".repeat(1024)).getBytes(StandardCharsets.US_ASCII);

  private SeedResponse() {
  }
}

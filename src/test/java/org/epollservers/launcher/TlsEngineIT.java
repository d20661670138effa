package org.epollservers.launcher;

import io.vertx.core.json.JsonObject;
import org.epollservers.tcp.TlsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.epollservers.launcher.LauncherIT.EPHEMERAL;
import static org.epollservers.launcher.LauncherIT.SEED_RESPONSE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TLS by the JDK's own engine, the fallback where BoringSSL's native library cannot load, on the packaged program. */
class TlsEngineIT {

  @Test
  @DisplayName("where BoringSSL cannot load, the JDK's engine serves the exact response over TLS and the start line says so")
  void jdkEngineFallback(@TempDir Path dir) throws Exception {
    JsonObject conf = new JsonObject(EPHEMERAL);
    conf.getJsonObject("tcp").put("tls", new JsonObject()
      .put("certFile", TlsClient.file("node.pem")).put("keyFile", TlsClient.file("node-key.pem")));
    // Netty's switch for a machine where the native library is missing or refused: OpenSSL then counts as unavailable.
    try (AppProcess app = AppProcess.start(dir, List.of("-Dio.netty.handler.ssl.noOpenSsl=true"),
      List.of("-conf", conf.encode()), Map.of())) {
      int port = app.tcpPort();
      app.awaitStderr(Pattern.compile("tcp listening on 127\\.0\\.0\\.1:" + port + " .*TLS by the JDK"));
      try (SSLSocket socket = TlsClient.connect(TlsClient.context(null), port)) {
        socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(SEED_RESPONSE, socket.getInputStream().readAllBytes());
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
      }
    }
  }
}

package org.epollservers.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.epollservers.config.ValueType.bool;
import static org.epollservers.config.ValueType.cidrList;
import static org.epollservers.config.ValueType.duration;
import static org.epollservers.config.ValueType.headers;
import static org.epollservers.config.ValueType.integer;
import static org.epollservers.config.ValueType.oneOf;
import static org.epollservers.config.ValueType.optionalPath;
import static org.epollservers.config.ValueType.optionalText;
import static org.epollservers.config.ValueType.port;
import static org.epollservers.config.ValueType.probability;
import static org.epollservers.config.ValueType.text;
import static org.epollservers.config.ValueType.transport;

/**
 * Every configuration key the servers accept, with its type, default, environment variable and meaning: the one
 * place each key is described, from which the defaults, the validation and docs/configuration.md all come.
 */
public enum Setting {
  TRANSPORT("transport", transport(), "auto",
    "Event-loop transport: `auto` prefers the native one (epoll on Linux) and falls back to nio; `epoll` or `nio` "
      + "force one and refuse to start without it. (`io_uring` is no longer offered: see docs.)"),
  INSTANCES("instances", integer(1, 1024), 1,
    "Server instances, each on its own event loop: TCP instances share the listener; on a native transport as many "
      + "UDP sockets share the port through SO_REUSEPORT (on nio one UDP instance runs). `-instances N` sets it."),
  TCP_HOST("tcp.host", text(), "0.0.0.0", "Address the TCP server binds."),
  TCP_PORT("tcp.port", port(), 8080, "TCP port; 0 binds a free port, shown in the start-up summary."),
  TCP_ACCEPTOR("tcp.acceptor", oneOf(AcceptorChoice.names()), "event-loop",
    "`event-loop`: on epoll, each instance accepts on its own event loop (with SO_REUSEPORT when several share the "
      + "port) and serves its sockets straight from the loop's epoll set, without a Netty channel each; `io_uring`: "
      + "each instance accepts and serves on a loop of its own on io_uring, receiving, sending and closing through "
      + "the ring (about a fifth less CPU per connection than on epoll; refused at start where io_uring is not "
      + "allowed, as under a container engine's default seccomp profile); `vertx`: Vert.x's NetServer, whose acceptor "
      + "thread hands each connection to an event loop. On nio `event-loop` falls back to `vertx`."),
  TCP_REUSE_PORT("tcp.reusePort", bool(), false,
    "SO_REUSEPORT on the listener (native transports only), so several JVMs can serve the same port."),
  TCP_MAX_HEADER_BYTES("tcp.maxHeaderBytes", integer(64, 1024 * 1024), 8192,
    "Largest request head (request line and headers) read; past it the client gets a 431 and the connection closes."),
  TCP_HEADER_TIMEOUT("tcp.headerTimeout", duration(Duration.ofMillis(10), Duration.ofMinutes(10)), "10s",
    "Time from accept to the blank line (with `tcp.keepAlive`, from each later request's first byte); past it the "
      + "connection closes, so trickling clients cannot hold it."),
  TCP_DEFER_ACCEPT("tcp.deferAccept", duration(Duration.ZERO, Duration.ofMinutes(1)), "1s",
    "With `tcp.acceptor` `event-loop` (on epoll) or `io_uring`: the kernel hands over a connection once its first "
      + "bytes arrive (TCP_DEFER_ACCEPT, whole seconds, rounded up), and the request is read at once, so most "
      + "exchanges never wait for input (measured on epoll: 20-25% less CPU per connection). A client that connects "
      + "and sends nothing reaches "
      + "the server, and its header deadline, only after about this long. `0s` turns it off; other paths ignore it."),
  TCP_MAX_CONNECTIONS("tcp.maxConnections", integer(1, 10_000_000), 16384,
    "Open connections allowed on the port (all instances together); past it a new connection is closed at once and "
      + "counted."),
  TCP_MAX_CONNECTIONS_PER_CLIENT("tcp.maxConnectionsPerClient", integer(0, 10_000_000), 1024,
    "Open connections allowed from one client address (all instances together); past it a new connection from that "
      + "address is closed at once and counted, so one client cannot hold every slot. 0 for no limit. Behind a proxy "
      + "or sidecar every connection comes from its address: raise it or set 0 there, or use `tcp.proxyProtocol`."),
  TCP_LINGER_TIMEOUT("tcp.lingerTimeout", duration(Duration.ZERO, Duration.ofMinutes(1)), "2s",
    "When the client may still be sending (a body, pipelined bytes, an oversized head), how long unread bytes are "
      + "drained after the response (output shut first) so the kernel does not reset it away."),
  TCP_SHUTDOWN_GRACE("tcp.shutdownGrace", duration(Duration.ZERO, Duration.ofMinutes(10)), "5s",
    "At SIGTERM, how long connections already accepted may take to finish before they are closed."),
  TCP_KEEP_ALIVE("tcp.keepAlive", bool(), false,
    "Persistent connections: a request that asks for one (HTTP/1.1 without `Connection: close`, HTTP/1.0 with "
      + "`Connection: keep-alive`) gets the response with `Connection: keep-alive` and the connection waits for the "
      + "next request; pipelined requests are answered in order. On, a status line saying HTTP/1.0 says HTTP/1.1, as "
      + "HTTP/1.1 clients and proxies keep only an HTTP/1.1 server's connections. Off: one exchange per connection, "
      + "as always."),
  TCP_KEEP_ALIVE_TIMEOUT("tcp.keepAliveTimeout", duration(Duration.ofMillis(10), Duration.ofMinutes(10)), "5s",
    "With `tcp.keepAlive`: how long a kept connection may wait for the first byte of its next request before it "
      + "closes quietly (counted as an idle close); from that byte on `tcp.headerTimeout` applies."),
  TCP_KEEP_ALIVE_MAX_REQUESTS("tcp.keepAliveMaxRequests", integer(1, 10_000_000), 1000,
    "With `tcp.keepAlive`: requests served on one connection; the last gets `Connection: close` and the connection "
      + "closes."),
  TCP_ACCESS_LOG("tcp.accessLog", oneOf(List.of("off", "on")), "off",
    "`on`: one line per exchange on stderr (client address and port, request line escaped, status, bytes written, "
      + "duration; JSON fields with `LOG_FORMAT=json`), handed to a writer thread through a bounded queue: lines "
      + "that do not fit are dropped and counted, never waited for."),
  TCP_TLS_CERT_FILE("tcp.tls.certFile", optionalPath(), null,
    "With `keyFile`: TLS (1.2 and 1.3) on the TCP port with this certificate chain (PEM); every connection must then "
      + "complete a handshake within `tcp.headerTimeout`. TLS is served by Vert.x's NetServer whatever `tcp.acceptor` "
      + "says."),
  TCP_TLS_KEY_FILE("tcp.tls.keyFile", optionalPath(), null,
    "The private key (PEM, PKCS#8 or PKCS#1) of `tcp.tls.certFile`."),
  TCP_TLS_CLIENT_CA_FILE("tcp.tls.clientCaFile", optionalPath(), null,
    "With TLS on: mutual TLS; clients must present a certificate chaining to these CA certificates (PEM), or the "
      + "handshake fails and the connection closes."),
  TCP_PROXY_PROTOCOL("tcp.proxyProtocol", bool(), false,
    "Every connection must start with a PROXY protocol header (v1 or v2, as HAProxy or a cloud load balancer sends "
      + "it) within `tcp.headerTimeout`; the client address it carries is the one used by `tcp.maxConnectionsPerClient`. "
      + "A connection without a valid header is closed unanswered and counted. Served by Vert.x's NetServer; only "
      + "the proxy should reach the port."),
  TCP_RESPONSE_STATUS("tcp.response.status", text(), "HTTP/1.0 200 OK",
    "Status line of the canned response."),
  TCP_RESPONSE_HEADERS("tcp.response.headers", headers(), defaultHeaders(),
    "Response headers in order; a later source's `null` removes one. `Content-Length` is always added from the "
      + "body. `{node}` in a value becomes the node's name (`NODE_ID`, else host name and process id)."),
  TCP_RESPONSE_BODY("tcp.response.body", optionalText(), null,
    "Body as UTF-8 text; wins over `bodyFile` and `bodySize` when set. `{node}` in it becomes the node's name (not in "
      + "a `bodyFile` or a generated body)."),
  TCP_RESPONSE_BODY_FILE("tcp.response.bodyFile", optionalPath(), null,
    "Body read once at start from this file (at most 64 MiB); wins over `bodySize` when set."),
  TCP_RESPONSE_BODY_SIZE("tcp.response.bodySize", integer(0, Limits.MAX_BODY_BYTES), 1024,
    "Size in bytes of a generated body, used when neither `body` nor `bodyFile` is set."),
  TCP_RESPONSE_BODY_FILL("tcp.response.bodyFill", text(), "H",
    "Text repeated to fill a generated body (cut at `bodySize` bytes)."),
  TCP_RESPONSE_DELAY("tcp.response.delay", duration(Duration.ZERO, Duration.ofMinutes(10)), "0s",
    "For testing clients: how long each response waits once the head has ended (a timer, never a blocked loop); "
      + "meanwhile the connection is held by this wait instead of the header deadline. `0s` answers at once."),
  TCP_RESPONSE_JITTER("tcp.response.jitter", duration(Duration.ZERO, Duration.ofMinutes(10)), "0s",
    "For testing clients: a random extra wait from 0 to this, added to `tcp.response.delay` per response (in 64 "
      + "equal steps, at least 1 ms each). `0s` adds none."),
  TCP_FAULTS_RESET("tcp.faults.reset", probability(), 0.0,
    "For testing clients: the probability that a connection is reset (RST, SO_LINGER 0) instead of answered once its "
      + "head has ended; counted in `epoll_servers_tcp_faults_injected_total{fault=\"reset\"}`. `tcp.faults.reset`, "
      + "`close` and `stall` together must be at most 1."),
  TCP_FAULTS_CLOSE("tcp.faults.close", probability(), 0.0,
    "For testing clients: the probability that a connection is closed cleanly (FIN) without an answer once its head "
      + "has ended; counted with `fault=\"close\"`."),
  TCP_FAULTS_STALL("tcp.faults.stall", probability(), 0.0,
    "For testing clients: the probability that a connection gets no answer and is held until its header deadline "
      + "(`tcp.headerTimeout` from accept), then closed; counted with `fault=\"stall\"`, not as a header timeout."),
  UDP_HOST("udp.host", text(), "0.0.0.0", "Address the UDP socket binds."),
  UDP_PORT("udp.port", port(), 1234, "UDP port; 0 binds a free port, shown in the start-up summary."),
  UDP_RECEIVER("udp.receiver", oneOf(List.of("batched", "vertx")), "batched",
    "`batched`: each instance reads its socket on its own event loop, many datagrams per wake-up (on epoll up to 16 "
      + "per recvmmsg call), and hands the printer one block per burst; `vertx`: Vert.x's DatagramSocket, one datagram "
      + "per read and per printer hand-off."),
  UDP_REUSE_PORT("udp.reusePort", bool(), false,
    "SO_REUSEPORT on the socket (native transports only), so several JVMs can share the UDP port; the kernel "
      + "spreads datagrams."),
  UDP_PUBLISH("udp.publish", bool(), false,
    "Also send every datagram to the feed's subscribers (the tail node) over the event bus, cluster-wide with "
      + "`-cluster`, as far as each subscriber keeps up (see docs/cluster.md)."),
  UDP_PUBLISH_BUFFER_BYTES("udp.publishBufferBytes", integer(64 * 1024, 1L << 30), 8 * 1024 * 1024,
    "With `udp.publish`: bytes of datagrams that may wait to be published (payloads and about 64 bytes each); past "
      + "it they are dropped from the feed and counted, and still printed."),
  UDP_RECEIVE_BUFFER_BYTES("udp.receiveBufferBytes", integer(65536, Limits.MAX_UDP_RECEIVE_BUFFER_BYTES),
    4 * 1024 * 1024,
    "SO_RCVBUF asked of the kernel (which grants at most net.core.rmem_max; the start-up says what it granted): "
      + "datagrams that may wait while the server is busy, or still warming up just after start. With `udp.receiver` "
      + "`vertx` at most 1 MiB is used: Vert.x also reads each datagram into a buffer this large, and above 1 MiB each "
      + "read leaves the pool and throughput collapses (measured: 2 MiB lost 89% at 100,000/s)."),
  UDP_WARM_UP_DATAGRAMS("udp.warmUpDatagrams", integer(0, 1_000_000), 60_000,
    "Before the UDP socket binds, this many datagrams are sent through a throwaway socket of the same kind on "
      + "127.0.0.1 (at most 2 s), so the receive path is compiled before the first real datagram (measured: about "
      + "0.8 s on one core; cold starts at 100,000/s went from losing thousands to none, and 200,000/s from losing 1-3% "
      + "in most runs with 20000 to none). The TCP server already answers meanwhile. 0 turns it off."),
  UDP_STATS_INTERVAL("udp.statsInterval", duration(Duration.ZERO, Duration.ofDays(1)), "0s",
    "How often a line on stderr counts datagrams received, printed and dropped; 0s turns it off (a final line is "
      + "always written at stop)."),
  UDP_PRINT_BUFFER_BYTES("udp.printBufferBytes", integer(64 * 1024, 1L << 30), 8 * 1024 * 1024,
    "Bytes of datagram lines that may wait for stdout; past it datagrams are dropped and counted."),
  UDP_FORMAT("udp.format", oneOf(List.of("text", "json", "hex")), "text",
    "How each datagram is printed: `text`, one line `<ip> <port> <payload>` with the payload escaped; `json`, one "
      + "object per line with `time` (RFC 3339, UTC, milliseconds: when its burst was read), `host`, `port`, `size`, "
      + "`text` (the escaped payload, as `text` prints it) and `base64` (the payload whole); `hex`, the line "
      + "`<ip> <port> <size> bytes` then the payload as `hexdump -Cv` shows it, ending with the size as an offset line "
      + "(see docs/operations.md). `json` and `hex` need `udp.printBufferBytes` of at least 1048576, as a datagram's "
      + "lines take up to 9 bytes per byte."),
  UDP_TIMESTAMPS("udp.timestamps", bool(), false,
    "Start each `text` line, and each `hex` sender line, with the time its burst was read (RFC 3339, UTC, "
      + "milliseconds) and a space; `json` always has its `time`."),
  UDP_ALLOW("udp.allow", cidrList(), new JsonArray(),
    "Senders whose datagrams are printed and published: addresses or CIDR blocks (`10.0.0.0/8`, `::1/128`; a bare "
      + "address is one host); an IPv4-mapped sender `::ffff:a.b.c.d` matches IPv4 blocks. Others are dropped and "
      + "counted (stage `denied`). Empty: everyone."),
  UDP_RATE_PER_SENDER("udp.ratePerSender", integer(0, 10_000_000), 0,
    "Datagrams per second each source address (any port) may have printed, across every instance: a token bucket "
      + "that holds one second's worth, so a quiet sender may send that many at once. Past it datagrams are dropped and "
      + "counted (stage `rate`). At most 65536 senders are tracked (idle ones are forgotten after about 1 s); while the "
      + "table is full a new sender's datagrams are dropped as over the rate. 0: unlimited."),
  ADMIN_ENABLED("admin.enabled", bool(), true,
    "Serve `/health/live`, `/health/ready` and `/metrics` (Prometheus) over HTTP."),
  ADMIN_HOST("admin.host", text(), "127.0.0.1",
    "Address of the admin endpoint (`0.0.0.0` in `conf/prod.json`, for probes and scrapers from outside)."),
  ADMIN_PORT("admin.port", port(), 9100, "Port of the admin endpoint; 0 binds a free port, shown at start."),
  ADMIN_MAX_CONNECTIONS("admin.maxConnections", integer(1, 10_000), 64,
    "Open connections the admin endpoint allows; past it a new one is closed at once and counted, so its clients "
      + "can never use up the descriptors the servers need."),
  ADMIN_REQUEST_TIMEOUT("admin.requestTimeout", duration(Duration.ofMillis(100), Duration.ofMinutes(10)), "10s",
    "How long an admin connection may wait for its next complete request (from connect or the previous answer); "
      + "then it is closed, so idle or trickling clients cannot hold the endpoint."),
  CLUSTER_MEMBERS("cluster.members", text(), "127.0.0.1",
    "With `-cluster`: Hazelcast members to join over TCP, comma-separated `host` or `host:port` (multicast is off)."),
  CLUSTER_INTERFACE("cluster.interface", text(), "127.0.0.1",
    "With `-cluster`: the address Hazelcast binds and announces (wildcards such as `10.0.*.*` allowed)."),
  CLUSTER_PORT("cluster.port", port(), 5701,
    "With `-cluster`: Hazelcast's member port; when taken the next ones up to +100 are tried (the event bus has its "
      + "own, `-cluster-port`)."),
  CLUSTER_NAME("cluster.name", text(), "epoll-servers",
    "With `-cluster`: the Hazelcast cluster name; members with another name never join this cluster (a separation, "
      + "not a secret: see the threat model in docs)."),
  CLUSTER_TLS_CERT_FILE("cluster.tls.certFile", optionalPath(), null,
    "With `-cluster`: this node's certificate (PEM) for the event bus; with `keyFile` and `caFile` it turns on TLS "
      + "with mutual authentication between nodes, so a process without a certificate from that CA can neither receive "
      + "nor send event-bus messages (the feed, status)."),
  CLUSTER_TLS_KEY_FILE("cluster.tls.keyFile", optionalPath(), null,
    "With `-cluster`: the private key (PEM, PKCS#8 or PKCS#1) of `certFile`."),
  CLUSTER_TLS_CA_FILE("cluster.tls.caFile", optionalPath(), null,
    "With `-cluster`: the CA certificates (PEM) a peer's certificate must chain to; peers must present one.");

  private final String key;
  private final ValueType type;
  private final Object defaultValue;
  private final String meaning;

  Setting(String key, ValueType type, Object defaultValue, String meaning) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  public String key() {
    return key;
  }

  /** The variable that overrides this key: the constant's name, the key in upper snake case; none for objects. */
  public Optional<String> environmentVariable() {
    return defaultValue instanceof JsonObject ? Optional.empty() : Optional.of(name());
  }

  public String meaning() {
    return meaning;
  }

  /** The values this key accepts, in words, such as {@code an integer from 0 to 65535}. */
  public String accepts() {
    return type.accepts();
  }

  /** The default as a JSON value (a fresh copy for objects). */
  public Object defaultValue() {
    if (defaultValue instanceof JsonArray array) {
      return array.copy();
    }
    return defaultValue instanceof JsonObject object ? object.copy() : defaultValue;
  }

  /** Refuses a value this setting cannot take, naming the source and the key. */
  void check(Object value, String source) {
    String problem = type.problemWith(value);
    if (problem != null) {
      throw new ConfigException(source, key, problem);
    }
  }

  /** An environment variable's text as the JSON value this setting takes (or as text, for the check to refuse). */
  Object fromEnvironment(String text) {
    String trimmed = text.trim();
    if (defaultValue instanceof Boolean) {
      return trimmed.equals("true") || trimmed.equals("false") ? Boolean.valueOf(trimmed) : text;
    }
    if (defaultValue instanceof JsonArray) {
      // A list as a variable is comma-separated: UDP_ALLOW="10.0.0.0/8,::1".
      JsonArray entries = new JsonArray();
      Arrays.stream(text.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).forEach(entries::add);
      return entries;
    }
    if (defaultValue instanceof Integer) {
      try {
        return Long.parseLong(trimmed);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (defaultValue instanceof Double) {
      // Plain decimals only: Java's own syntax would also take "NaN", "0x1p-2" or a trailing "d".
      return trimmed.matches("\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9}") ? Double.valueOf(trimmed) : text;
    }
    return text;
  }

  public static Optional<Setting> forKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** The whole configuration made of defaults: the lowest layer, beneath every file and variable. */
  public static JsonObject defaults() {
    JsonObject root = new JsonObject();
    for (Setting setting : values()) {
      setting.putInto(root, setting.defaultValue());
    }
    return root;
  }

  /** Sets this setting's value in a configuration tree, creating its sections as needed. */
  void putInto(JsonObject root, Object value) {
    String[] parts = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(node.getValue(parts[i]) instanceof JsonObject)) {
        node.put(parts[i], new JsonObject());
      }
      node = node.getJsonObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static JsonObject defaultHeaders() {
    return new JsonObject()
      .put("Date", "Mon, 1 Jan 1996 01:01:01 GMT")
      .put("Server", "Python2.7_Raw_Socket")
      .put("Content-Type", "text/plain");
  }
}

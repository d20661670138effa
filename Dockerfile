# Build: docker build -t epoll-servers .     (podman: podman build --format docker -t epoll-servers . keeps the HEALTHCHECK)
# Run:   docker run --rm -p 127.0.0.1:8080:8080 -p 127.0.0.1:1234:1234/udp -p 127.0.0.1:9100:9100 epoll-servers
# Read-only root filesystem: add --read-only --tmpfs /tmp:exec (Netty unpacks its epoll library into /tmp). docs/containers.md

# --- build stage: dependencies in a layer of their own, so source changes do not download them again ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf ./conf
COPY src ./src
# The tests run in CI (mvn -B verify); they start processes and bind ports, which an image build should not.
# The class-data-sharing archive is made in the runtime stage instead, as it only fits the JVM that writes it.
RUN mvn -B -q -DskipTests -Dcds.skip=true package

# --- runtime stage: a glibc-based JRE, as Netty's native epoll needs glibc (no Alpine) ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/target/epoll-servers.jar /app/epoll-servers.jar
COPY conf /app/conf
# One training start (a request, a datagram, a scrape, then SIGTERM) with the ENTRYPOINT's collector writes the list of
# classes it loaded, already parsed and verified, for every later start of this jar on this JVM to map at once.
COPY scripts/cds-archive.sh /tmp/cds-archive.sh
RUN CDS_JAVA_OPTS="-XX:+UseSerialGC" bash /tmp/cds-archive.sh /app/epoll-servers.jar /app/epoll-servers.jsa && rm /tmp/cds-archive.sh
USER app

# TCP canned response, UDP printer, admin endpoint (health and metrics), Hazelcast member port, and the event-bus
# port docker-compose.yml gives the launcher (-cluster-port 15701).
EXPOSE 8080 1234/udp 9100 5701 15701

# APP_ENV picks conf/<env>.json (prod binds the admin endpoint on 0.0.0.0, so the health check reaches it).
ENV APP_ENV=prod

# bash is in the image, so no curl: asks /health/ready on ADMIN_PORT (default 9100). With ADMIN_ENABLED=false there is
# no admin endpoint: it then sends one request to the TCP server (TCP_PORT, default 8080) and passes on any answer.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "if [ \"${ADMIN_ENABLED:-true}\" = false ]; then t=/dev/tcp/127.0.0.1/${TCP_PORT:-8080} path=/ ok=.; else t=/dev/tcp/127.0.0.1/9100 path=/health/ready ok=' 200'; [ -z \"${ADMIN_PORT:-}\" ] || t=${t%/*}/$ADMIN_PORT; fi; exec 3<>$t && printf 'GET %s HTTP/1.0\\r\\n\\r\\n' $path >&3 && head -c 12 <&3 | grep -q \"$ok\""]

# Exec form: java is PID 1 and receives SIGTERM, so requests in flight finish and datagrams are printed.
# The JVM flags are here, not in JAVA_TOOL_OPTIONS (which makes the JVM print "Picked up ..." at every start):
# - the archive above (a sooner first answer) and the JVM's own warnings on stderr, never among the datagram
#   lines on stdout (a SIGQUIT thread dump likewise);
# - the serial collector, a small first heap and a native-heap trim every 5 s: the live heap is a few MB, so
#   this keeps memory at rest small with no GC threads of its own (docs/performance.md has the figures); the heap
#   may still grow to 75% of the container's memory limit;
# - an OutOfMemoryError ends the process (a restart policy revives it).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/epoll-servers.jsa", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseSerialGC", "-Xms16m", "-XX:TrimNativeHeapInterval=5000", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-jar", "/app/epoll-servers.jar"]

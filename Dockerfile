# syntax=docker/dockerfile:1
# Build: docker build -t epoll-servers .     Run: docker run --rm -p 8080:8080 -p 1234:1234/udp -p 9100:9100 epoll-servers

# --- build stage: dependencies in a layer of their own, so source changes do not download them again ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf ./conf
COPY src ./src
# The tests run in CI (mvn -B verify); they start processes and bind ports, which an image build should not.
RUN mvn -B -q -DskipTests package

# --- runtime stage: a glibc-based JRE, as Netty's native epoll needs glibc (no Alpine) ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/target/epoll-servers.jar /app/epoll-servers.jar
COPY conf /app/conf
USER app

# TCP canned response, UDP printer, admin endpoint (health and metrics), Hazelcast member port.
EXPOSE 8080 1234/udp 9100 5701

# Heap follows the container's memory limit; APP_ENV picks conf/<env>.json (prod binds the admin endpoint on 0.0.0.0).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    APP_ENV=prod

# bash is in the image: ask the readiness endpoint without adding curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9100 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]

# Exec form: java is PID 1 and receives SIGTERM, so requests in flight finish and datagrams are printed.
ENTRYPOINT ["java", "-jar", "/app/epoll-servers.jar"]

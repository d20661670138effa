#!/usr/bin/env bash
# Builds the image from the Dockerfile as it is and runs it for real with docker or podman, one PASS/FAIL line per
# check: a byte-exact answer through 127.0.0.1, a datagram on stdout, the HEALTHCHECK (also with ADMIN_PORT moved and
# with ADMIN_ENABLED=false), uid 10001, a read-only root filesystem, a 256 MiB memory limit, a thread dump kept off
# stdout, the stop (exit 143 with both summaries within 15 s), and tcp.acceptor io_uring refused (exit 78) under the
# engine's default seccomp profile but serving where io_uring is allowed. Then scripts/compose-check.sh runs the compose cluster.
#
# Usage: scripts/container-check.sh        (as root on a machine without an engine it installs podman from Debian)
#   ENGINE=docker|podman  use this engine instead of picking one (default: a working docker engine, else podman)
#   SKIP_COMPOSE=1        stop after the image checks
# Where the base images cannot be pulled it builds stand-ins from Debian packages under their names (see below); the
# Dockerfile is never changed. Traffic goes only to ports published on 127.0.0.1. Every container it starts is removed
# at exit; the images stay as a cache.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/container-lib.sh
. scripts/container-lib.sh

IMAGE=${IMAGE:-localhost/epoll-servers:check}
STANDIN_BASE=localhost/debian-base:bookworm
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
MEMORY_BYTES=$((256 * 1024 * 1024))
STOP_GRACE=15

run_started=$(now_ms)
work=$(mktemp -d /var/tmp/epoll-check.XXXXXX)
prefix=epoll-check-$$
started=()

cleanup() {
  local rc=$? c
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ] || [ "$failures" -gt 0 ]; then
    for c in "${started[@]}"; do
      show_logs "$c"
    done
  fi
  for c in "${started[@]}"; do
    if [ "$ENGINE" = podman ]; then
      timeout 60 podman rm -f -t 0 "$c" >/dev/null 2>&1 || true
    else
      timeout 60 docker rm -f "$c" >/dev/null 2>&1 || true
    fi
  done
  # A debootstrap cut short may leave proc or sys mounted in its root: never descend into another filesystem.
  grep -o " $work/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n 1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_flags() {
  if [ "$ENGINE" = podman ]; then
    # --format docker keeps HEALTHCHECK (the OCI format drops it); never reach for a registry the build does not need.
    echo "--format docker --pull=never --network host"
  else
    echo "--network host"
  fi
}

# --- base images: upstream when it can be pulled, else a stand-in from Debian packages under the upstream name ---

standin_base() {
  image_exists "$STANDIN_BASE" && return 0
  command -v debootstrap >/dev/null 2>&1 || install_podman_tools
  step "debootstrap --variant=minbase bookworm from $DEBIAN_MIRROR (a few minutes)"
  if ! timeout 1200 debootstrap --variant=minbase bookworm "$work/rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log"
    die "debootstrap failed"
  fi
  tar -C "$work/rootfs" -c . | timeout 600 "$ENGINE" import - "$STANDIN_BASE" >"$work/import.log" 2>&1 \
    || { tail -n 20 "$work/import.log"; die "importing the Debian root filesystem failed"; }
  rm -rf --one-file-system "$work/rootfs"
}

# build_standin IMAGE: JRE or Maven on Debian bookworm's OpenJDK 17, tagged with the upstream name.
build_standin() {
  local image=$1 ctx packages certs=""
  ctx=$(mktemp -d "$work/standin.XXXXXX")
  case "$image" in
    "$JRE_IMAGE") packages="openjdk-17-jre-headless" ;;
    "$MAVEN_IMAGE")
      packages="openjdk-17-jdk-headless maven"
      # Maven Central is reached through a TLS-intercepting egress here: only the build image trusts its CAs.
      mkdir -p "$ctx/certs"
      if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/"
      fi
      certs=$'COPY certs/ /usr/local/share/ca-certificates/\n'
      ;;
  esac
  cat >"$ctx/Containerfile" <<EOF
FROM $STANDIN_BASE
LABEL org.epollservers.stand-in="$image from Debian bookworm's $packages, built by scripts/container-check.sh"
ENV LANG=C.UTF-8
${certs}RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates $packages >/dev/null \\
 && update-ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*
EOF
  step "building stand-in $image ($packages)"
  # shellcheck disable=SC2046
  timeout 1800 "$ENGINE" build $(build_flags) -t "$image" -f "$ctx/Containerfile" "$ctx" >"$ctx/build.log" 2>&1 \
    || { tail -n 30 "$ctx/build.log"; die "stand-in $image could not be built"; }
}

base_images() {
  local image standin
  for image in "$JRE_IMAGE" "$MAVEN_IMAGE"; do
    if ! image_exists "$image" && ! timeout 300 "$ENGINE" pull -q "$image" >/dev/null 2>&1; then
      standin_base
      build_standin "$image"
    fi
    standin=$("$ENGINE" image inspect -f '{{index .Config.Labels "org.epollservers.stand-in"}}' "$image" 2>/dev/null || true)
    step "base $image: ${standin:+stand-in: }${standin:-upstream image}"
  done
}

# --- the checks ---

healthy() {
  if [ "$ENGINE" = podman ]; then
    timeout 20 podman healthcheck run "$1" >/dev/null 2>&1
  else
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]
  fi
}

health_status() {
  "$ENGINE" inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null || echo unknown
}

# run_container NAME ARGS...: starts the image detached, with ports published on 127.0.0.1 only.
run_container() {
  local name=$1
  shift
  started+=("$name")
  # podman's stderr here is mostly "unable to get systemd connection" (no timers for healthchecks): shown on failure only.
  timeout 60 "$ENGINE" run -d --name "$name" --stop-timeout "$STOP_GRACE" \
    -p 127.0.0.1::8080 -p 127.0.0.1::1234/udp -p 127.0.0.1::9100 "$@" "$IMAGE" >/dev/null 2>"$work/run.err" \
    || { cat "$work/run.err"; return 1; }
}

datagram_line_printed() { # NAME PAYLOAD
  stdout_match "$1" "^[0-9a-fA-F.:]+ [0-9]+ $2\$" >/dev/null
}

datagram_arrives() { # PORT NAME PAYLOAD: send it (again), then look for its line
  send_datagram "$1" "$3" && wait_for 1 datagram_line_printed "$2" "$3"
}

stderr_has() { stderr_match "$1" "$2" >/dev/null; }

not_running() { [ "$("$ENGINE" inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = false ]; }

check_main_container() {
  local name=$prefix-main expected=$work/expected answer=$work/answer t0 first_ms tcp udp payload
  write_expected_answer "$expected"
  step "run $IMAGE with --read-only --tmpfs /tmp:exec --memory 256m, ports on 127.0.0.1"
  # shellcheck disable=SC2054 # the commas are tmpfs options
  local ro=(--read-only --tmpfs /tmp:rw,exec,nosuid,nodev,size=64m)
  # podman adds its own tmpfs on /tmp, /run and /var/tmp to --read-only; docker does not: check docker's case.
  [ "$ENGINE" = podman ] && ro+=(--read-only-tmpfs=false)
  t0=$(now_ms)
  run_container "$name" "${ro[@]}" --memory 256m || die "the container did not start"
  tcp=$(host_port "$name" 8080/tcp)
  udp=$(host_port "$name" 1234/udp)
  if [ -z "$tcp" ] || [ -z "$udp" ]; then
    die "ports not published on 127.0.0.1: $("$ENGINE" port "$name" || true)"
  fi

  if retry_for 90 0.05 answers_exactly "$tcp" "$expected" "$answer"; then
    first_ms=$(($(now_ms) - t0))
    FIRST_ANSWER_MS=$first_ms
    pass "tcp: byte-exact canned answer ($(wc -c <"$expected") bytes) on 127.0.0.1:$tcp, first one ${first_ms} ms after run"
  else
    fail "tcp: no byte-exact answer on 127.0.0.1:$tcp within 90 s (last answer: $(wc -c <"$answer" 2>/dev/null || echo 0) bytes)"
    cmp "$expected" "$answer" 2>&1 | head -n 3 || true
    return
  fi

  if retry_for 60 1 healthy "$name"; then
    pass "healthcheck: healthy (HEALTHCHECK asks /health/ready; status $(health_status "$name"))"
  else
    fail "healthcheck: not healthy within 60 s (status $(health_status "$name"))"
  fi

  payload="container-check-$$-$RANDOM"
  if retry_for 20 0 datagram_arrives "$udp" "$name" "$payload"; then
    pass "udp: datagram to 127.0.0.1:$udp printed on stdout as: $(stdout_match "$name" " $payload\$")"
  else
    fail "udp: no line '<ip> <port> $payload' on the container's stdout within 20 s"
  fi

  local status uids comm
  status=$(timeout 30 "$ENGINE" exec "$name" cat /proc/1/status 2>/dev/null || true)
  comm=$(timeout 30 "$ENGINE" exec "$name" cat /proc/1/comm 2>/dev/null || true)
  uids=$(awk '/^Uid:/ {print $2, $3, $4, $5}' <<<"$status")
  if [ "$uids" = "10001 10001 10001 10001" ] && [ "$comm" = java ]; then
    pass "non-root: PID 1 is java with uid 10001 (real, effective, saved, fs)"
  else
    fail "non-root: PID 1 is '$comm' with uids '$uids', expected java with 10001"
  fi

  local readonly_flag write_error
  readonly_flag=$("$ENGINE" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$name")
  write_error=$(timeout 30 "$ENGINE" exec "$name" bash -c 'echo x >/app/probe' 2>&1 || true)
  if [ "$readonly_flag" = true ] && grep -q 'Read-only file system' <<<"$write_error" \
    && stderr_has "$name" 'transport epoll'; then
    pass "read-only root: /app not writable ($(grep -o 'Read-only file system' <<<"$write_error")), epoll loaded from the /tmp tmpfs"
  else
    fail "read-only root: ReadonlyRootfs=$readonly_flag, write said '$write_error', transport line: $(stderr_match "$name" 'transport' || echo none)"
  fi

  local limit flags max_heap
  limit=$("$ENGINE" inspect -f '{{.HostConfig.Memory}}' "$name")
  # The image's own JVM flags, read from its ENTRYPOINT, in a second JVM inside the same container (same limit).
  mapfile -t flags < <("$ENGINE" image inspect -f '{{json .Config.Entrypoint}}' "$IMAGE" | grep -oE '"-XX:[^"]+"' | tr -d '"')
  max_heap=$(timeout 60 "$ENGINE" exec "$name" java "${flags[@]}" -XX:+PrintFlagsFinal -version 2>&1 \
    | awk '$2 == "MaxHeapSize" {print $4}')
  if [ "$limit" = "$MEMORY_BYTES" ] && [ -n "$max_heap" ] \
    && [ "$max_heap" -ge $((MEMORY_BYTES * 70 / 100)) ] && [ "$max_heap" -le $((MEMORY_BYTES * 76 / 100)) ]; then
    pass "memory: limit $limit bytes, MaxHeapSize $max_heap ($((max_heap * 100 / MEMORY_BYTES))% of it) with ${flags[*]}"
  else
    fail "memory: limit '$limit' (expected $MEMORY_BYTES), MaxHeapSize '${max_heap:-?}' (expected about 75% of it)"
  fi

  if stderr_has "$name" 'Picked up'; then
    fail "start-up: the JVM printed a 'Picked up ...' line: $(stderr_match "$name" 'Picked up')"
  else
    pass "start-up: no 'Picked up JAVA_TOOL_OPTIONS' line"
  fi

  timeout 30 "$ENGINE" kill --signal QUIT "$name" >/dev/null
  local strays
  if wait_for 20 stderr_has "$name" 'Full thread dump'; then
    stdout_of "$name" >"$work/stdout"
    strays=$(grep -cvE '^[0-9a-fA-F.:]+ [0-9]+ ' "$work/stdout" || true)
    if [ "$strays" -eq 0 ]; then
      pass "stdout: SIGQUIT's thread dump went to stderr; stdout holds datagram lines only"
    else
      fail "stdout: $strays lines on stdout are not datagram lines: $(grep -m 3 -vE '^[0-9a-fA-F.:]+ [0-9]+ ' "$work/stdout")"
    fi
  else
    fail "stdout: no thread dump on stderr within 20 s of SIGQUIT"
  fi

  local s0 stop_ms code
  s0=$(now_ms)
  timeout $((STOP_GRACE + 30)) "$ENGINE" stop -t "$STOP_GRACE" "$name" >/dev/null 2>&1 || true
  wait_for 10 not_running "$name" || true
  stop_ms=$(($(now_ms) - s0))
  code=$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$name")
  if [ "$code" = 143 ] && [ "$stop_ms" -lt $((STOP_GRACE * 1000)) ] \
    && stderr_has "$name" 'udp stopped: ' && stderr_has "$name" 'tcp stopped: '; then
    pass "stop: exit 143 after ${stop_ms} ms; $(stderr_match "$name" 'udp stopped: ' | grep -o 'udp stopped: .*'); $(stderr_match "$name" 'tcp stopped: ' | grep -o 'tcp stopped: .*')"
  else
    fail "stop: exit $code after ${stop_ms} ms (grace ${STOP_GRACE} s); summaries: $(stderr_match "$name" 'stopped: ' || echo none)"
  fi
}

# The HEALTHCHECK follows ADMIN_PORT, and with ADMIN_ENABLED=false asks the TCP server instead.
check_health_variants() {
  local moved=$prefix-admin-port off=$prefix-admin-off
  step "run twice more: ADMIN_PORT=9200, and ADMIN_ENABLED=false"
  run_container "$moved" -e ADMIN_PORT=9200 || die "the container did not start"
  run_container "$off" -e ADMIN_ENABLED=false || die "the container did not start"
  if retry_for 60 1 healthy "$moved"; then
    pass "healthcheck: healthy with ADMIN_PORT=9200 (it asks the moved admin port)"
  else
    fail "healthcheck: not healthy with ADMIN_PORT=9200 within 60 s (status $(health_status "$moved"))"
  fi
  if retry_for 60 1 healthy "$off"; then
    pass "healthcheck: healthy with ADMIN_ENABLED=false (it asks the TCP server instead)"
  else
    fail "healthcheck: not healthy with ADMIN_ENABLED=false within 60 s (status $(health_status "$off"))"
  fi
  if stderr_has "$off" 'admin listening'; then
    fail "healthcheck: ADMIN_ENABLED=false still started the admin endpoint"
  fi
}

# tcp.acceptor io_uring as a container user meets it: under the engine's default seccomp profile, which refuses
# io_uring (podman's does), the start is refused with exit 78 naming the key; where the engine allows io_uring, the
# exact answer. Then with io_uring allowed (seccomp unconfined for this container only) it must serve either way.
check_io_uring() {
  local refused=$prefix-uring allowed=$prefix-uring-allowed expected=$work/expected answer=$work/answer-uring code tcp
  step "run with TCP_ACCEPTOR=io_uring: under the default seccomp profile, then with io_uring allowed"
  run_container "$refused" -e TCP_ACCEPTOR=io_uring || die "the container did not start"
  if wait_for 60 not_running "$refused"; then
    code=$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$refused")
    if [ "$code" = 78 ] && stderr_has "$refused" 'config refused: .*tcp.acceptor: io_uring was asked for but is not available here'; then
      pass "io_uring: refused under the default seccomp profile, exit 78: $(stderr_match "$refused" 'config refused' | grep -o 'tcp.acceptor: .*' | cut -c1-120)"
    else
      fail "io_uring: stopped with exit $code; stderr: $(stderr_match "$refused" 'refused|ERROR' || echo none)"
    fi
  else
    tcp=$(host_port "$refused" 8080/tcp)
    if retry_for 60 0.05 answers_exactly "$tcp" "$expected" "$answer"; then
      pass "io_uring: this engine allows io_uring; byte-exact answer on 127.0.0.1:$tcp"
    else
      fail "io_uring: neither refused nor answering within 60 s"
    fi
  fi
  run_container "$allowed" -e TCP_ACCEPTOR=io_uring --security-opt seccomp=unconfined || die "the container did not start"
  tcp=$(host_port "$allowed" 8080/tcp)
  if retry_for 90 0.05 answers_exactly "$tcp" "$expected" "$answer" && stderr_has "$allowed" 'accepting on a loop of its own on io_uring'; then
    pass "io_uring: allowed (seccomp unconfined), byte-exact answer on 127.0.0.1:$tcp from the io_uring loop"
  else
    fail "io_uring: allowed, but no byte-exact answer from the io_uring loop within 90 s (start line: $(stderr_match "$allowed" 'tcp listening' || echo none))"
  fi
}

pick_engine
base_images
step "building $IMAGE from the Dockerfile"
b0=$(now_ms)
# shellcheck disable=SC2046
timeout 2400 "$ENGINE" build $(build_flags) -t "$IMAGE" . >"$work/build.log" 2>&1 || {
  tail -n 40 "$work/build.log"
  die "image build failed"
}
[ "$("$ENGINE" image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE")" != null ] || fail "image: the built image has no HEALTHCHECK"
step "built in $((($(now_ms) - b0) / 1000)) s"

FIRST_ANSWER_MS=
check_main_container
check_health_variants
check_io_uring

if [ "${SKIP_COMPOSE:-}" != 1 ]; then
  ENGINE=$ENGINE scripts/compose-check.sh || failures=$((failures + 1))
fi

total_s=$((($(now_ms) - run_started) / 1000))
if [ "$failures" -gt 0 ]; then
  echo "container check: $failures FAILED (${total_s} s)"
  exit 1
fi
echo "container check: all passed in ${total_s} s (first byte-exact answer ${FIRST_ANSWER_MS} ms after run)"

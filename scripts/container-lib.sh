# shellcheck shell=bash disable=SC2034
# Shared by container-check.sh and compose-check.sh (sourced, not run): PASS/FAIL lines, deadlines, and the
# container engine: a working docker engine, else podman, installed from Debian's packages when root and neither works.

# The upstream images the Dockerfile starts FROM, spelled in full so podman does not file them under localhost/.
JRE_IMAGE=docker.io/library/eclipse-temurin:17-jre
MAVEN_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-17

failures=0

step() { printf '== %s\n' "$*"; }
pass() { printf 'PASS %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*"
  failures=$((failures + 1))
}
die() {
  fail "$*"
  exit 1
}

now_ms() { date +%s%3N; }

# wait_for SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds (returns 0) or SECONDS have passed (returns 1).
wait_for() {
  local deadline=$(($(now_ms) + $1 * 1000))
  shift
  until "$@"; do
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# retry_for SECONDS EVERY COMMAND...: like wait_for, for a COMMAND worth repeating only every EVERY seconds
# (it sends traffic, or starts a JVM).
retry_for() {
  local deadline=$(($(now_ms) + $1 * 1000)) every=$2
  shift 2
  until "$@"; do
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep "$every"
  done
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Debian's podman stack, and debootstrap for base-image stand-ins; only what is missing.
install_podman_tools() {
  local wanted=() tool
  for tool in podman podman-compose runc debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || wanted+=("$tool")
  done
  [ ${#wanted[@]} -eq 0 ] && return 0
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    die "missing ${wanted[*]}: install them (needs root and apt-get)"
  fi
  step "installing ${wanted[*]} from Debian"
  local log
  log=$(mktemp)
  if ! { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${wanted[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log"
    rm -f "$log"
    die "apt-get could not install ${wanted[*]}"
  fi
  rm -f "$log"
}

# The settings podman needs on these machines (see /work/shared/CONTAINERS.md): written only where none exist.
configure_podman() {
  local conf=/etc/containers/containers.conf
  if is_root && [ ! -e "$conf" ]; then
    step "writing $conf (runc, cgroupfs, the caller's ulimits)"
    mkdir -p /etc/containers
    cat >"$conf" <<'EOF'
# Written by epoll-servers' scripts/container-check.sh.
[containers]
# The sandbox refuses to raise RLIMIT_NOFILE/NPROC: keep the caller's limits.
default_ulimits = []
pids_limit = 0
[engine]
# crun fails on the hybrid cgroup layout of these machines.
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
  fi
}

# Sets ENGINE (docker or podman) and COMPOSE (the compose command), installing podman where nothing works.
pick_engine() {
  if [ -z "${ENGINE:-}" ]; then
    if command -v docker >/dev/null 2>&1 && ! docker --version 2>/dev/null | grep -qi podman \
      && timeout 20 docker info >/dev/null 2>&1; then
      ENGINE=docker
    elif command -v podman >/dev/null 2>&1 && timeout 60 podman info >/dev/null 2>&1; then
      ENGINE=podman
    else
      ENGINE=podman
    fi
  fi
  if [ "$ENGINE" = podman ]; then
    install_podman_tools
    configure_podman
    timeout 60 podman info >/dev/null || die "podman does not work here (podman info failed)"
    COMPOSE=(podman-compose)
  else
    COMPOSE=(docker compose)
  fi
  step "engine: $ENGINE ($($ENGINE --version | head -n 1))"
}

image_exists() {
  if [ "$ENGINE" = podman ]; then
    podman image exists "$1"
  else
    docker image inspect "$1" >/dev/null 2>&1
  fi
}

# The container's stdout only (the datagram stream); its stderr holds the logs.
stdout_of() { timeout 30 "$ENGINE" logs "$1" 2>/dev/null; }
stderr_of() { { timeout 30 "$ENGINE" logs "$1" >/dev/null; } 2>&1; }
# stdout_match / stderr_match NAME REGEX: the first matching line (status 1 when none). Read whole first: grep -m
# ending a pipe early would fail the pipe under pipefail.
stdout_match() { grep -m 1 -E "$2" <<<"$(stdout_of "$1")"; }
stderr_match() { grep -m 1 -E "$2" <<<"$(stderr_of "$1")"; }

# show_logs NAME: a container's stdout and stderr for a failure report, its middle cut when long (a thread dump).
show_logs() {
  local logs lines
  logs=$(timeout 30 "$ENGINE" logs "$1" 2>&1 || true)
  lines=$(wc -l <<<"$logs")
  printf '\n---- logs of %s (stdout and stderr, %s lines) ----\n' "$1" "$lines"
  if [ "$lines" -le 150 ]; then
    printf '%s\n' "$logs"
  else
    head -n 50 <<<"$logs"
    printf '[... %s lines left out ...]\n' $((lines - 150))
    tail -n 100 <<<"$logs"
  fi
}

# host_port CONTAINER 8080/tcp: the 127.0.0.1 port the engine published for it.
host_port() {
  { timeout 30 "$ENGINE" port "$1" "$2" 2>/dev/null || true; } | sed -n 's/^127\.0\.0\.1:\([0-9]\+\)$/\1/p' | head -n 1
}

# The request every check sends, and the answer the default configuration must give, byte for byte.
REQUEST=$'GET / HTTP/1.0\r\n\r\n'
write_expected_answer() {
  {
    printf 'HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n'
    printf 'Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n'
    head -c 1024 /dev/zero | tr '\0' H
  } >"$1"
}

# shellcheck disable=SC2016 # the inner bash expands them
# exchange PORT FILE: one request to 127.0.0.1:PORT, the whole answer into FILE (at most 5 s).
exchange() {
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "%s" "$2" >&3 && cat <&3 >"$3"' _ "$1" "$REQUEST" "$2" 2>/dev/null
}

# answers_exactly PORT EXPECTED WORKFILE: the answer on PORT is byte for byte EXPECTED.
answers_exactly() {
  exchange "$1" "$3" && cmp -s "$2" "$3"
}

# shellcheck disable=SC2016
# send_datagram PORT PAYLOAD: one datagram to 127.0.0.1:PORT.
send_datagram() {
  timeout 5 bash -c 'printf "%s" "$2" >"/dev/udp/127.0.0.1/$1"' _ "$1" "$2"
}

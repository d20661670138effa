#!/usr/bin/env bash
# The compose cluster of docker-compose.yml on a real engine, one PASS/FAIL line per check: three nodes and the tail
# come up; a datagram to each node's published UDP port reaches the tail's stdout as <node> <ip> <port> <payload>;
# `status` lists all four; with node2 killed the others keep answering and the tail keeps printing; node2 started
# again rejoins. Runs as its own compose project on its own network and removes both at exit. Host ports are the
# compose file's, on 127.0.0.1: 8081-8083, UDP 1241-1243, 9101-9103 must be free.
#
# Usage: scripts/compose-check.sh   (scripts/container-check.sh runs it last; ENGINE=docker|podman as there)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/container-lib.sh
. scripts/container-lib.sh

project=epollcheck$$
work=$(mktemp -d /var/tmp/epoll-compose.XXXXXX)
compose_log=$work/compose.log
started_ms=$(now_ms)

compose() { timeout "$1" "${COMPOSE[@]}" -p "$project" -f docker-compose.yml "${@:2}" </dev/null >>"$compose_log" 2>&1; }

project_containers() {
  "$ENGINE" ps -a --filter "label=com.docker.compose.project=$project" --format '{{.Names}}' 2>/dev/null || true
}

# container_of SERVICE: the service's container (not a one-off `run` of it).
container_of() {
  "$ENGINE" ps -a --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1" \
    --format '{{.Names}}' 2>/dev/null | grep -v -e '_tmp' -e '-run-' | head -n 1 || true
}

cleanup() {
  local rc=$? c
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ] || [ "$failures" -gt 0 ]; then
    for c in $(project_containers); do
      show_logs "$c"
    done
    printf '\n---- compose output ----\n'
    tail -n 60 "$compose_log" || true
  fi
  for c in $(project_containers); do
    if [ "$ENGINE" = podman ]; then
      timeout 60 podman rm -f -t 0 "$c" >/dev/null 2>&1 || true
    else
      timeout 60 docker rm -f "$c" >/dev/null 2>&1 || true
    fi
  done
  compose 120 down || true
  if [ "$ENGINE" = podman ]; then
    # podman-compose 1.0.3 leaves the project's network behind.
    for c in $(podman network ls -q --filter "label=io.podman.compose.project=$project" 2>/dev/null); do
      timeout 60 podman network rm -f "$c" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

healthy() {
  if [ "$ENGINE" = podman ]; then
    timeout 20 podman healthcheck run "$1" >/dev/null 2>&1
  else
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]
  fi
}

stderr_has() { stderr_match "$1" "$2" >/dev/null; }

tail_prints() { # SERVICE PAYLOAD: the tail's stdout has the line of that node's datagram
  stdout_match "$tail_container" "^$1-[0-9]+ [0-9a-fA-F.:]+ [0-9]+ $2\$" >/dev/null
}

datagram_reaches_tail() { # SERVICE PAYLOAD: send it to the node's published UDP port (again), then look
  send_datagram "$(host_port "$(container_of "$1")" 1234/udp)" "$2" && wait_for 1 tail_prints "$1" "$2"
}

check_datagrams() { # WHEN SERVICE...
  local when=$1 service payload
  shift
  for service in "$@"; do
    payload="compose-check-$service-$RANDOM"
    if retry_for 60 0 datagram_reaches_tail "$service" "$payload"; then
      pass "compose $when: datagram to $service's UDP port printed by the tail: $(stdout_match "$tail_container" " $payload\$")"
    else
      fail "compose $when: no line '$service-<pid> <ip> <port> $payload' on the tail's stdout within 60 s"
    fi
  done
}

check_tcp() { # WHEN SERVICE...
  local when=$1 service port
  shift
  for service in "$@"; do
    port=$(host_port "$(container_of "$service")" 8080/tcp)
    if [ -n "$port" ] && retry_for 30 0.2 answers_exactly "$port" "$work/expected" "$work/answer"; then
      pass "compose $when: $service answers byte-exact on 127.0.0.1:$port"
    else
      fail "compose $when: $service gave no byte-exact answer on 127.0.0.1:${port:-?} within 30 s"
    fi
  done
}

# status_lists NAME...: one `status` run prints the header and exactly these nodes, one row each.
status_lists() {
  local out=$work/status.out rows
  timeout 120 "${COMPOSE[@]}" -p "$project" -f docker-compose.yml run --rm -T --no-deps status </dev/null >"$out" 2>>"$compose_log" || true
  grep -qE '^NODE +ROLE +TRANSPORT' "$out" || return 1
  rows=$(grep -oE '^(node[0-9]+|tail)-[0-9]+ ' "$out" | sed 's/-[0-9]* $//' | sort | tr '\n' ' ')
  last_status_rows=$rows
  [ "$rows" = "$* " ]
}

pick_engine
timeout 60 "${COMPOSE[@]}" version >/dev/null 2>&1 || die "no compose command: ${COMPOSE[*]} version failed"
step "compose cluster: project $project (${COMPOSE[*]})"
write_expected_answer "$work/expected"
export BUILDAH_FORMAT=docker # podman-compose builds with podman build: keep the HEALTHCHECK

if ! compose 1800 up -d --build node1 node2 node3 tail; then
  die "compose up failed"
fi
tail_container=$(container_of tail)
[ -n "$tail_container" ] || die "compose up started no tail container"
if wait_for 120 stderr_has "$tail_container" 'tail: printing the datagrams of every node'; then
  pass "compose: tail up and subscribed"
else
  fail "compose: the tail never said 'tail: printing the datagrams of every node' within 120 s"
fi

for service in node1 node2 node3; do
  if retry_for 120 1 healthy "$(container_of "$service")"; then
    pass "compose: $service healthy"
  else
    fail "compose: $service not healthy within 120 s"
  fi
done
check_tcp "up" node1 node2 node3
check_datagrams "up" node1 node2 node3

last_status_rows=
if retry_for 120 1 status_lists node1 node2 node3 tail; then
  pass "compose: status lists all four, header and one row each:"
  grep -E '^(NODE +ROLE|node[0-9]+-|tail-)' "$work/status.out" | sed 's/^/     /'
else
  fail "compose: status listed '$last_status_rows', expected node1 node2 node3 tail"
  cat "$work/status.out" || true
fi

node2=$(container_of node2)
step "kill node2 ($node2)"
timeout 30 "$ENGINE" kill "$node2" >/dev/null
check_tcp "node2 killed" node1 node3
check_datagrams "node2 killed" node1 node3
if retry_for 60 1 status_lists node1 node3 tail; then
  pass "compose node2 killed: status lists the three left"
else
  fail "compose node2 killed: status listed '$last_status_rows', expected node1 node3 tail"
fi

step "start node2 again"
timeout 60 "$ENGINE" start "$node2" >/dev/null 2>>"$compose_log" # podman: "unable to get systemd connection"
if retry_for 120 1 healthy "$node2"; then
  pass "compose restart: node2 healthy again"
else
  fail "compose restart: node2 not healthy within 120 s"
fi
if retry_for 120 1 status_lists node1 node2 node3 tail; then
  pass "compose restart: node2 rejoined, status lists all four again"
else
  fail "compose restart: status listed '$last_status_rows', expected node1 node2 node3 tail"
fi
check_datagrams "restart" node2

elapsed=$((($(now_ms) - started_ms) / 1000))
if [ "$failures" -gt 0 ]; then
  echo "compose check: $failures FAILED (${elapsed} s)"
  exit 1
fi
echo "compose check: all passed in ${elapsed} s"

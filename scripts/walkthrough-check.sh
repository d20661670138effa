#!/usr/bin/env bash
# Runs the cluster walkthrough of docs/cluster.md as written (its three `<!-- walkthrough: … -->` blocks), on this
# machine's loopback with the ports it names, and checks what it prints: each node's datagram at the tail, and a
# status table with the three nodes and the tail. Needs target/epoll-servers.jar (mvn -B verify builds it). Everything
# it starts is stopped at exit; every wait has a deadline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
doc="$root/docs/cluster.md"
[ -f "$root/target/epoll-servers.jar" ] || { echo "FAIL no target/epoll-servers.jar: run mvn -B verify first"; exit 1; }

work="$(mktemp -d /tmp/walkthrough.XXXXXX)"
ln -s "$root/target" "$work/target"
groups=()
cleanup() {
  local g
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  sleep 2
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

source "$root/scripts/doc-check-lib.sh"
block() { doc_block "$doc" walkthrough "$1"; }

# run_block NAME [STDOUT STDERR]: the block in a session of its own (so everything it starts can be stopped).
run_block() {
  local name=$1 script
  script="$(block "$name")"
  [ -n "$script" ] || { fail "no block '$name' in docs/cluster.md"; return 1; }
  if [ $# -eq 3 ]; then
    (cd "$work" && exec setsid bash -c "$script") >"$work/$2" 2>"$work/$3" &
  else
    (cd "$work" && exec setsid bash -c "$script") &
  fi
  groups+=("$!")
}

for port in 8081 8082 8083 9101 9102 9103; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "FAIL port $port is taken on this machine: the walkthrough needs it"; exit 1
  fi
done

run_block nodes
nodes_pid=${groups[-1]}
if wait_for 240 bash -c "! kill -0 $nodes_pid 2>/dev/null"; then
  for n in 1 2 3; do
    grep -q "started in" "$work/node$n.log" && pass "node $n started" || fail "node $n did not start: $(tail -n 3 "$work/node$n.log")"
  done
else
  fail "the nodes did not all start within 240 s"
fi

run_block tail tail.out tail.log
if wait_for 120 grep -q "tail: printing the datagrams of every node" "$work/tail.log" \
  && wait_for 60 bash -c "for n in 1 2 3; do grep -q 'feed: subscriber .* joined' '$work/node'\$n.log || exit 1; done"; then
  pass "the tail started and every node took its subscription"
else
  fail "the tail did not start or subscribe: $(tail -n 3 "$work/tail.log")"
fi

script="$(block try)"
(cd "$work" && timeout 120 bash -c "$script") >"$work/try.out" 2>"$work/try.log" || fail "the try block failed: $(tail -n 3 "$work/try.log")"
for n in 1 2 3; do
  if wait_for 30 grep -qE "^[^ ]+ 127\.0\.0\.1 [0-9]+ hello node $n$" "$work/tail.out"; then
    pass "the tail printed node $n's datagram: $(grep -E "hello node $n$" "$work/tail.out")"
  else
    fail "the tail never printed 'hello node $n'"
  fi
done
rows="$(grep -cE ' (servers|tail) +epoll ' "$work/try.out" || true)"
if grep -qE '^NODE +ROLE' "$work/try.out" && [ "$rows" = 4 ] && [ "$(grep -cE ' servers ' "$work/try.out")" = 3 ]; then
  pass "status listed three nodes and the tail:"; sed 's/^/     /' "$work/try.out"
else
  fail "status printed $rows rows:"; cat "$work/try.out"
fi

[ "$failures" -eq 0 ] && echo "walkthrough check: all passed" || { echo "walkthrough check: $failures FAILED"; exit 1; }

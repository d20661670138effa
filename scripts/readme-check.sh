#!/usr/bin/env bash
# Runs the README's examples as written (its `<!-- readme-check: … -->` blocks) against target/epoll-servers.jar on
# this machine's loopback and the default ports, and checks what each printed. Needs curl and nc (netcat-openbsd),
# installed from Debian when missing. Everything it starts is stopped at exit; every wait has a deadline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
readme="$root/README.md"
[ -f "$root/target/epoll-servers.jar" ] || { echo "FAIL no target/epoll-servers.jar: run mvn -B verify first"; exit 1; }
if ! command -v curl >/dev/null || ! nc -h 2>&1 | grep -q -- '-q'; then
  apt-get update -qq && apt-get install -y -qq curl netcat-openbsd >/dev/null
fi

work="$(mktemp -d /tmp/readme-check.XXXXXX)"
ln -s "$root/target" "$work/target"
server=""
cleanup() {
  [ -z "$server" ] || kill -KILL "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$root/scripts/doc-check-lib.sh"
block() { doc_block "$readme" readme-check "$1"; }

for port in 8080 9100; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "FAIL port $port is taken on this machine: the README's examples need it"; exit 1
  fi
done

# The build block's run line (the build itself is what produced the jar this check runs).
run="$(block build | grep '^java ')"
[ -n "$run" ] || { echo "FAIL no 'java …' line in the build block"; exit 1; }
(cd "$work" && exec bash -c "exec $run") >"$work/stdout" 2>"$work/stderr" &
server=$!
if wait_for 60 grep -q "started in" "$work/stderr"; then
  pass "the jar started: $(grep -c 'listening on' "$work/stderr") listening lines"
else
  fail "the jar did not start: $(tail -n 3 "$work/stderr")"; exit 1
fi

(cd "$work" && timeout 60 bash -c "$(block try)") >"$work/try.out" 2>"$work/try.err" || fail "the try block failed: $(tail -n 3 "$work/try.err")"
mapfile -t out <"$work/try.out"
[ "${out[0]:-}" = "HHHHHHHHHHHHHHHHHHHH" ] && pass "curl got the body" || fail "curl printed '${out[0]:-}'"
[ "${out[1]:-}" = $'HTTP/1.0 200 OK\r' ] && pass "nc got the status line" || fail "nc printed '${out[1]:-}'"
[[ "${out[2]:-}" == '{"status":"UP"'* ]] && pass "ready: ${out[2]}" || fail "ready printed '${out[2]:-}'"
if wait_for 10 grep -qE '^127\.0\.0\.1 [0-9]+ hello\\x1b\]0;owned\\x07\\n$' "$work/stdout"; then
  pass "the datagram line, escaped: $(cat "$work/stdout")"
else
  fail "stdout has no escaped datagram line: $(cat -v "$work/stdout")"
fi

kill -INT "$server"
code=0; wait "$server" || code=$?
server=""
[ "$code" = 130 ] && pass "Ctrl-C: exit 130" || fail "Ctrl-C gave exit $code"
grep -q "udp stopped: 1 datagrams received, 1 printed" "$work/stderr" && pass "the summary line" \
  || fail "no summary line: $(tail -n 3 "$work/stderr")"

code=0; (cd "$work" && bash -c "$(block refused)") >"$work/refused.out" 2>"$work/refused.err" || code=$?
if [ "$code" = 78 ] && grep -q "config refused: -conf (inline JSON): tcp.prot: unknown key" "$work/refused.err"; then
  pass "the bad key refused with exit 78: $(grep -o 'config refused.*' "$work/refused.err" | cut -c1-100)…"
else
  fail "the refused block gave exit $code: $(cat "$work/refused.err")"
fi

[ "$failures" -eq 0 ] && echo "readme check: all passed" || { echo "readme check: $failures FAILED"; exit 1; }

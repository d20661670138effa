#!/usr/bin/env bash
# C10K: hold CONNECTIONS idle connections (each with an unfinished request) on our jar and on nginx, measure
# the server's RSS before and while they are held, then finish every request and check every response.
#
#   bench/c10k.sh                                   # CONNECTIONS=10000 SERVERS="jar nginx"
#   CONNECTIONS=2000 bench/c10k.sh                  # a quick look
#   SERVERS="jar nginx seed" bench/c10k.sh          # the seed too (its listen(100) backlog makes opening slow)
#   SERVERS="jar jar-uring nginx" bench/c10k.sh     # the jar with tcp.acceptor io_uring too
#
# Every connection comes from 127.0.0.1, so the per-client cap is off for the jar (as nginx has none by default).
# Server pinned to CPU $SERVER_CPU, client (c10k.py) to CPU $CLIENT_CPU, all on 127.0.0.1. The jar gets a
# header timeout of 120 s (its default 10 s would close connections held longer) and a connection cap above
# CONNECTIONS; nginx gets worker_connections above CONNECTIONS and the same 120 s client_header_timeout.
# Results: stdout, bench/results/c10k.md and c10k.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONNECTIONS="${CONNECTIONS:-10000}"
SERVERS="${SERVERS:-jar nginx}"
SETTLE="${SETTLE:-2}"          # seconds between "all accepted" and the RSS reading
WARMUP="${WARMUP:-2000}"       # full exchanges before the "before" reading
PHASE_TIMEOUT="${PHASE_TIMEOUT:-120}"

ensure_tools nginx:nginx-light taskset:util-linux ss:iproute2
setup_workdir
ensure_jar
raise_nofile   # servers and client each need more than CONNECTIONS descriptors
nofile="$(ulimit -n)"
((nofile > CONNECTIONS + 200)) || die "ulimit -n is $nofile; $CONNECTIONS connections need more (raise the hard limit)"
mkdir -p "$RESULTS_DIR"
ROWS="$WORK_DIR/c10k-rows.jsonl"
: >"$ROWS"

for s in $SERVERS; do
    exact=()
    case "$s" in
        jar | jar-uring)
            acceptor=event-loop; [[ $s == jar-uring ]] && acceptor=io_uring
            start_jar "c10k-$s" "$WORK_DIR/c10k-$s.out" \
                "{\"headerTimeout\":\"${PHASE_TIMEOUT}s\",\"maxConnections\":$((CONNECTIONS + 1000)),\"maxConnectionsPerClient\":0,\"acceptor\":\"$acceptor\"}"
            port=$JAR_TCP_PORT; pids=("$JAR_PID"); main_pid=$JAR_PID; exact=(--exact) ;;
        nginx)
            start_nginx c10k-nginx "$(free_port tcp)" $((CONNECTIONS + 1000))
            port=$NGINX_PORT; pids=("$NGINX_PID" "$NGINX_WORKER"); main_pid=$NGINX_PID ;;
        seed)
            start_seed c10k-seed tcp_epoll.py tcp "$WORK_DIR/c10k-seed.out"
            port=$SEED_PORT; pids=("$SEED_PID"); main_pid=$SEED_PID; exact=(--exact) ;;
        *) die "unknown server $s" ;;
    esac
    log "$s on 127.0.0.1:$port; holding $CONNECTIONS connections"
    pid_args=()
    for p in "${pids[@]}"; do pid_args+=(--pid "$p"); done
    # c10k.py exits 1 when some response was not complete; that is a result, recorded in the row
    timeout $((PHASE_TIMEOUT * 5 + 60)) taskset -c "$CLIENT_CPU" "$PY" "$BENCH_DIR/c10k.py" --host 127.0.0.1 --port "$port" "${pid_args[@]}" \
        --connections "$CONNECTIONS" --warmup "$WARMUP" --settle "$SETTLE" --timeout "$PHASE_TIMEOUT" \
        --label "$s" "${exact[@]}" >>"$ROWS" || log "$s: not every response was complete"
    log "$s: $(tail -n1 "$ROWS")"
    stop_pid "$main_pid" 30
done

params="{\"CONNECTIONS\":$CONNECTIONS,\"SETTLE\":$SETTLE,\"WARMUP\":$WARMUP,\"SERVER_CPU\":$SERVER_CPU,\"CLIENT_CPU\":$CLIENT_CPU,\"ulimit_n\":$nofile}"
"$PY" "$BENCH_DIR/benchlib.py" c10k "$ROWS" --params "$params" \
    --md "$RESULTS_DIR/c10k.md" --json "$RESULTS_DIR/c10k.json"

#!/usr/bin/env bash
# TCP benchmark: one request per connection, our jar vs nginx (plain, `deferred`, and `reuseport deferred`, its
# best listener) vs the seed's tcp_epoll.py, measured with wrk. KEEPALIVE=1 measures persistent connections instead:
# the jar with tcp.keepAlive on against nginx with `keepalive_timeout 65`.
#
#   bench/tcp.sh                                   # DURATION=5 ROUNDS=8 CONNECTIONS=50 WARMUP=20
#   DURATION=3 ROUNDS=1 WARMUP=3 bench/tcp.sh      # a quick look
#   KEEPALIVE=1 bench/tcp.sh                       # requests per second and CPU per request on kept connections
#   TLS=1 bench/tcp.sh                             # TLS handshakes per second: one request per TLS connection,
#                                                  # jar (tcp.tls) vs nginx (listen ... ssl), one ECDSA P-256 certificate
#
# Each server runs pinned to CPU $SERVER_CPU (0) and wrk to CPU $CLIENT_CPU (1), all on 127.0.0.1. Rounds
# alternate between the servers, so a slow spell of the machine hits all of them alike. wrk sends
# `Connection: close`, so every request is a new connection and requests/s is connections/s.
# Server CPU per connection = utime+stime of the server process(es), from /proc/PID/stat before and after the
# run, divided by the requests wrk completed. Before each run the server's core is sampled while the server idles:
# a round where something else kept it busier than BUSY_LIMIT is flagged in the report. Results: stdout,
# bench/results/tcp.md and tcp.json (tcp-keepalive.* with KEEPALIVE=1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION="${DURATION:-5}"             # seconds per measured wrk run
ROUNDS="${ROUNDS:-8}"                  # many short rounds: a median of 8 shrugs off a slow spell better than one of 3
CONNECTIONS="${CONNECTIONS:-50}"      # concurrent connections kept by wrk
THREADS="${THREADS:-1}"               # wrk threads (one client CPU)
# Seconds of wrk before measuring the jar: the JIT keeps compiling for a while (measured: the jar's user time per
# connection fell from 4.1 to 2.6 us between 15 and 30 s of load), and a server is judged on its steady state.
WARMUP="${WARMUP:-20}"
WARMUP_OTHERS="${WARMUP_OTHERS:-2}"   # a short one for nginx and the seed, for the same warm caches
# nginx-deferred: nginx with `listen ... deferred` (TCP_DEFER_ACCEPT), as the jar defers by default (tcp.deferAccept);
# the ratios stay against plain nginx, the reference the targets name.
# floor-epoll and floor-uring (SERVERS="jar nginx-reuseport floor-epoll floor-uring"): bench/floor_*.c, the same
# request and response in a few lines of C with no runtime, to show what the kernel costs per connection each way;
# jar-uring: the jar with tcp.acceptor io_uring (a loop of its own per instance on io_uring).
# floor-uring-java: bench/FloorUring.java, the io_uring floor on Netty's io_uring loop, to show what a JVM adds there.
KEEPALIVE="${KEEPALIVE:-0}"
TLS="${TLS:-0}"
BUSY_LIMIT="${BUSY_LIMIT:-0.10}"
if [[ $KEEPALIVE == 1 ]]; then
    SERVERS="${SERVERS:-jar nginx nginx-reuseport}"
    export NGINX_KEEPALIVE_TIMEOUT=65   # nginx's own default; keepalive_requests stays at its default, 1000
    JAR_TCP='{"keepAlive":true}'
    WRK_HEADERS=()
    NAME=tcp-keepalive
elif [[ $TLS == 1 ]]; then
    SERVERS="${SERVERS:-jar nginx}"
    JAR_TCP=''   # set below, once the certificate exists
    WRK_HEADERS=(-H 'Connection: close')
    NAME=tcp-tls
else
    SERVERS="${SERVERS:-jar nginx nginx-deferred nginx-reuseport seed}"
    JAR_TCP=''
    WRK_HEADERS=(-H 'Connection: close')
    NAME=tcp
fi

ensure_tools wrk:wrk nginx:nginx-light taskset:util-linux ss:iproute2
setup_workdir
ensure_jar
raise_nofile
mkdir -p "$RESULTS_DIR"
CLK_TCK="$(getconf CLK_TCK)"
SCHEME=http
if [[ $TLS == 1 ]]; then
    ensure_tools openssl:openssl
    # One certificate for both servers; P-256 ECDSA, as a modern deployment would choose.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
        -keyout "$WORK_DIR/tls-key.pem" -out "$WORK_DIR/tls-cert.pem" 2>/dev/null || die "openssl could not make a certificate"
    export NGINX_TLS_CERT="$WORK_DIR/tls-cert.pem" NGINX_TLS_KEY="$WORK_DIR/tls-key.pem"
    JAR_TCP="{\"tls\":{\"certFile\":\"$NGINX_TLS_CERT\",\"keyFile\":\"$NGINX_TLS_KEY\"}}"
    SCHEME=https
fi
ROWS="$WORK_DIR/tcp-rows.jsonl"
: >"$ROWS"

declare -A PORT PIDS   # per server: its port, and the pids whose CPU we count

# with_acceptor NAME JSON: the jar's tcp settings JSON (maybe empty) with tcp.acceptor NAME added.
with_acceptor() {
    "$PY" -c 'import json, sys; t = json.loads(sys.argv[2] or "{}"); t["acceptor"] = sys.argv[1]; print(json.dumps(t))' "$1" "$2"
}

start_server() {
    case "$1" in
        jar)
            start_jar jar "$WORK_DIR/jar.out" "$JAR_TCP"
            PORT[jar]=$JAR_TCP_PORT; PIDS[jar]=$JAR_PID ;;
        jar-uring)
            start_jar jar-uring "$WORK_DIR/jar-uring.out" "$(with_acceptor io_uring "$JAR_TCP")"
            PORT[jar-uring]=$JAR_TCP_PORT; PIDS[jar-uring]=$JAR_PID ;;
        nginx)
            start_nginx nginx "$(free_port tcp)" $((CONNECTIONS > 900 ? CONNECTIONS + 100 : 1024))
            PORT[nginx]=$NGINX_PORT
            PIDS[nginx]="$NGINX_PID $NGINX_WORKER" ;;   # master + worker (the master is idle)
        nginx-deferred)
            start_nginx nginx-deferred "$(free_port tcp)" $((CONNECTIONS > 900 ? CONNECTIONS + 100 : 1024)) deferred
            PORT[nginx-deferred]=$NGINX_PORT
            PIDS[nginx-deferred]="$NGINX_PID $NGINX_WORKER" ;;
        nginx-reuseport)
            start_nginx nginx-reuseport "$(free_port tcp)" $((CONNECTIONS > 900 ? CONNECTIONS + 100 : 1024)) \
                "reuseport deferred"
            PORT[nginx-reuseport]=$NGINX_PORT
            PIDS[nginx-reuseport]="$NGINX_PID $NGINX_WORKER" ;;
        floor-epoll | floor-uring | floor-uring-java)
            start_floor "$1" "${1#floor-}"
            PORT[$1]=$FLOOR_PORT; PIDS[$1]=$FLOOR_PID ;;
        seed)
            start_seed seed tcp_epoll.py tcp "$WORK_DIR/seed.out"
            PORT[seed]=$SEED_PORT; PIDS[seed]=$SEED_PID ;;
        *) die "unknown server $1" ;;
    esac
    log "$1 listening on 127.0.0.1:${PORT[$1]} (pids ${PIDS[$1]})"
}

# CPU ticks of a server's processes; PIDS[server] is a space-separated list, split on purpose.
# shellcheck disable=SC2086
server_ticks() { cpu_ticks ${PIDS[$1]}; }

alive() {
    local pid
    for pid in ${PIDS[$1]}; do kill -0 "$pid" 2>/dev/null || return 1; done
}

# run_wrk SERVER SECONDS OUTFILE: wrk on the client CPU, bounded by `timeout` in case it hangs.
run_wrk() {
    timeout $(($2 + 30)) taskset -c "$CLIENT_CPU" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency "${WRK_HEADERS[@]}" \
        "$SCHEME://127.0.0.1:${PORT[$1]}/" >"$3" 2>&1 || log "wrk against $1 exited with $?"
}

for s in $SERVERS; do
    start_server "$s"
    if [[ $s == jar || $s == jar-uring || $s == floor-uring-java ]]; then w=$WARMUP; else w=$WARMUP_OTHERS; fi
    log "warm-up $s for ${w}s"
    run_wrk "$s" "$w" "$WORK_DIR/warmup-$s.txt"
done

for ((round = 1; round <= ROUNDS; round++)); do
    for s in $SERVERS; do
        if ! alive "$s"; then
            # the seed dies on a reset it does not expect; note it and give it a fresh process
            log "$s is gone before round $round; restarting it"
            for pid in ${PIDS[$s]}; do forget_pid "$pid"; done
            start_server "$s"
        fi
        sleep 0.5   # let the previous run's closing connections drain
        idle_busy="$(core_busy "$SERVER_CPU")"   # the server idles: anything here is someone else's
        before="$(server_ticks "$s")"
        cp /proc/stat "$WORK_DIR/procstat-before"
        run_wrk "$s" "$DURATION" "$WORK_DIR/wrk-$s-$round.txt"
        cp /proc/stat "$WORK_DIR/procstat-after"
        if alive "$s"; then after="$(server_ticks "$s")"; else after=$before; log "$s died during round $round"; fi
        "$PY" "$BENCH_DIR/benchlib.py" wrk-row --server "$s" --round "$round" --wrk "$WORK_DIR/wrk-$s-$round.txt" \
            --ticks-before "$before" --ticks-after "$after" --clk-tck "$CLK_TCK" \
            --procstat-before "$WORK_DIR/procstat-before" --procstat-after "$WORK_DIR/procstat-after" \
            --server-cpu "$SERVER_CPU" --client-cpu "$CLIENT_CPU" --idle-busy "$idle_busy" >>"$ROWS"
        log "round $round $s: $(tail -n1 "$ROWS")"
    done
done

params="{\"DURATION\":$DURATION,\"ROUNDS\":$ROUNDS,\"CONNECTIONS\":$CONNECTIONS,\"THREADS\":$THREADS,\"WARMUP\":$WARMUP,\"SERVER_CPU\":$SERVER_CPU,\"CLIENT_CPU\":$CLIENT_CPU,\"KEEPALIVE\":$KEEPALIVE,\"TLS\":$TLS,\"BUSY_LIMIT\":$BUSY_LIMIT}"
"$PY" "$BENCH_DIR/benchlib.py" tcp "$ROWS" --params "$params" \
    --md "$RESULTS_DIR/$NAME.md" --json "$RESULTS_DIR/$NAME.json"

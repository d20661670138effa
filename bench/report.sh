#!/usr/bin/env bash
# Run the benchmarks and gather them into docs/benchmarks.md with a chart (docs/benchmarks-tcp.png), the report the
# README links to; bench/results/ keeps the raw tables of the last run.
#
#   bench/report.sh                     # full size: tcp.sh (connection per request, KEEPALIVE=1, TLS=1), udp.sh,
#                                       # c10k.sh and startup.sh with their defaults (IMAGE=... adds the image)
#   RUN=0 bench/report.sh               # only rebuild benchmarks.md and tcp.png from bench/results/*
#   DURATION=3 ROUNDS=1 WARMUP=3 COUNT=20000 FULL_SPEED_COUNT=200000 C10K_CONNECTIONS=2000 bench/report.sh   # a quick look
#
# The parameters (DURATION, ROUNDS, WARMUP, COUNT, RATES ...) pass through to the scripts. CONNECTIONS means
# different things to tcp.sh (wrk's concurrency) and c10k.sh (connections held), so here they are set apart as
# TCP_CONNECTIONS (default 50) and C10K_CONNECTIONS (default 10000); likewise C10K_WARMUP (exchanges; WARMUP
# is tcp.sh's seconds) and TCP_SERVERS, UDP_SERVERS, C10K_SERVERS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN="${RUN:-1}"

ensure_tools gnuplot:gnuplot-nox
setup_workdir
mkdir -p "$RESULTS_DIR"

if [[ $RUN == 1 ]]; then
    # each script stops its own servers and writes results/<name>.md and .json
    CONNECTIONS="${TCP_CONNECTIONS:-50}" SERVERS="${TCP_SERVERS:-jar jar-uring nginx nginx-deferred nginx-reuseport seed}" \
        "$BENCH_DIR/tcp.sh"
    CONNECTIONS="${TCP_CONNECTIONS:-50}" SERVERS="${KEEPALIVE_SERVERS:-jar jar-uring nginx nginx-reuseport}" KEEPALIVE=1 \
        "$BENCH_DIR/tcp.sh"
    CONNECTIONS="${TCP_CONNECTIONS:-50}" SERVERS="${TLS_SERVERS:-jar nginx}" TLS=1 "$BENCH_DIR/tcp.sh"
    SERVERS="${UDP_SERVERS:-jar seed jar-feed}" "$BENCH_DIR/udp.sh"
    CONNECTIONS="${C10K_CONNECTIONS:-10000}" WARMUP="${C10K_WARMUP:-2000}" SERVERS="${C10K_SERVERS:-jar jar-uring nginx}" \
        "$BENCH_DIR/c10k.sh"
    ROUNDS="${STARTUP_ROUNDS:-10}" "$BENCH_DIR/startup.sh"
fi
REPORTS="tcp tcp-keepalive tcp-tls udp c10k startup"
for f in $REPORTS; do
    [[ -f "$RESULTS_DIR/$f.md" ]] || die "no $RESULTS_DIR/$f.md: run bench/$f.sh first (or RUN=1)"
done

# The chart: conn/s and CPU µs per connection, medians per server, side by side.
if [[ -f "$RESULTS_DIR/tcp.json" ]]; then
    "$PY" "$BENCH_DIR/benchlib.py" tcp-dat "$RESULTS_DIR/tcp.json" >"$WORK_DIR/tcp.dat"
    rounds="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["params"].get("ROUNDS", "?"))' "$RESULTS_DIR/tcp.json")"
    gnuplot <<GP
set terminal pngcairo size 1200,500 font "sans,10" noenhanced
set output "$RESULTS_DIR/tcp.png"
set multiplot layout 1,2 title "TCP, one request per connection, 127.0.0.1, server on one core (median of $rounds rounds)"
set style fill solid 0.85 border -1
set boxwidth 0.6
set grid ytics
set yrange [0:*]
set offsets 0.6, 0.6, graph 0.12, 0   # room beside the outer bars and above the labels
set xtics rotate by -25               # server names are longer than their bars are wide
unset key
set title "connections per second (higher is better)"
plot "$WORK_DIR/tcp.dat" using 0:2:xtic(1) with boxes lc rgb "#4C72B0", \
     "" using 0:2:(sprintf("%.0f", \$2)) with labels offset 0,0.8
set title "server CPU µs per connection (lower is better)"
plot "$WORK_DIR/tcp.dat" using 0:3:xtic(1) with boxes lc rgb "#DD8452", \
     "" using 0:3:(sprintf("%.1f", \$3)) with labels offset 0,0.8
unset multiplot
GP
fi

# first line of a command's output, without piping it into head (a closed pipe could fail the command)
first_line() { local out; out="$("$@" 2>&1 || true)"; printf '%s' "${out%%$'\n'*}"; }

{
    echo "# Benchmarks"
    echo
    echo "_Written by bench/report.sh on $(date '+%Y-%m-%d %H:%M %z')._"
    echo
    echo "## Machine"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| CPUs (nproc) | $(nproc) |"
    echo "| CPU | $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}') |"
    echo "| memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
    echo "| kernel | $(uname -r) |"
    echo "| java | $(first_line java -version) |"
    echo "| nginx | $(first_line nginx -v) |"
    echo "| wrk | $(first_line wrk -v) |"
    echo "| python | $(first_line python3 --version) |"
    echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo
    echo "## How to run"
    echo
    echo '```sh'
    echo 'bench/tcp.sh     # DURATION=5 ROUNDS=8 CONNECTIONS=50 WARMUP=20: jar (and with tcp.acceptor io_uring), nginx, nginx deferred, seed tcp_epoll.py under wrk'
    echo 'bench/udp.sh     # COUNT=300000 RATES="50000 100000 200000 0" FULL_SPEED_COUNT=3000000 COLD_RUNS=5: jar, seed udp_epoll.py, jar with its feed and a tail, cold starts'
    echo 'KEEPALIVE=1 bench/tcp.sh   # the same on kept connections: jar with tcp.keepAlive, nginx keepalive_timeout 65'
    echo 'TLS=1 bench/tcp.sh         # TLS handshakes per second: jar with tcp.tls, nginx listen ... ssl, one certificate'
    echo 'bench/c10k.sh    # CONNECTIONS=10000: jar and nginx holding idle connections'
    echo 'bench/startup.sh # ROUNDS=10 REST=10: first answer beside java -version, memory and threads at rest'
    echo 'bench/report.sh  # all of them, then this file and tcp.png'
    echo '```'
    echo
    used=""
    for v in DURATION ROUNDS WARMUP WARMUP_OTHERS TCP_CONNECTIONS TCP_SERVERS KEEPALIVE_SERVERS TLS_SERVERS STARTUP_ROUNDS IMAGE COUNT FULL_SPEED_COUNT RATES SIZE WARMUP_COUNT \
        WARMUP_RATE FULL_SPEED_GSO UDP_SERVERS C10K_CONNECTIONS C10K_WARMUP C10K_SERVERS SERVER_CPU CLIENT_CPU; do
        [[ -n "${!v:-}" ]] && used+="$v=\"${!v}\" "
    done
    echo "This report: \`${used}RUN=$RUN bench/report.sh\`."
    echo
    echo "Each server runs pinned to CPU ${SERVER_CPU} and each load generator to CPU ${CLIENT_CPU} (taskset), all"
    echo "over loopback. The kernel's share of loopback TCP and UDP work falls partly on the client's core, so"
    echo "these are comparisons between servers on the same machine, not capacity figures. Each table's"
    echo "parameters are in the line above it."
    echo
    # The headline: each target as one ratio, and whether any figure was taken on a busy core.
    "$PY" "$BENCH_DIR/benchlib.py" headline "$RESULTS_DIR"
    echo
    for f in $REPORTS; do
        sed 's/^## /### /' "$RESULTS_DIR/$f.md"   # one level down under this file's sections
        echo
        [[ $f == tcp && -f "$RESULTS_DIR/tcp.png" ]] && { echo '![TCP connections per second and CPU per connection](tcp.png)'; echo; }
    done
} >"$RESULTS_DIR/benchmarks.md"

# The committed copy: docs/ keeps the report of record beside its chart.
DOCS_DIR="$ROOT_DIR/docs"
mkdir -p "$DOCS_DIR"
sed 's|(tcp.png)|(benchmarks-tcp.png)|' "$RESULTS_DIR/benchmarks.md" >"$DOCS_DIR/benchmarks.md"
[[ -f "$RESULTS_DIR/tcp.png" ]] && cp "$RESULTS_DIR/tcp.png" "$DOCS_DIR/benchmarks-tcp.png"
log "wrote $DOCS_DIR/benchmarks.md and $DOCS_DIR/benchmarks-tcp.png (and bench/results/)"

#!/usr/bin/env bash
# UDP benchmark: how many numbered datagrams a printer gets onto stdout, our jar vs the seed's udp_epoll.py, and
# the jar with its cluster feed on, printed by a tail node too; then cold starts.
#
#   bench/udp.sh                                  # COUNT=300000 RATES="50000 100000 200000 0" COLD_RUNS=5
#   COUNT=20000 FULL_SPEED_COUNT=200000 RATES="50000 0" COLD_RUNS=1 bench/udp.sh      # a quick look
#
# For every rate and server: a fresh receiver pinned to CPU $SERVER_CPU with stdout to a file; a warm-up
# (WARMUP_COUNT datagrams the count ignores); then udp_sender (bench/udp_sender.c, built here with cc -O2),
# pinned to CPU $CLIENT_CPU, sends COUNT datagrams at the rate. We wait SETTLE seconds, SIGTERM the receiver
# and wait for it to exit (both flush what they hold), then count the distinct sequence numbers printed.
#
# Server jar-feed: the jar clustered (on 127.0.0.1) with udp.publish on, and a tail node (TailVerticle) on CPU
# $TAIL_CPU (the client's, by default): rows count the node's own lines and, apart, the tail's (FEED_RATES only:
# the feed at full speed measures nothing but its drops).
# Cold starts (COLD_RUNS of them, at COLD_RATE): a fresh jar, no warm-up, COUNT datagrams sent as soon as it has
# said where it listens.
#
# Rate 0 = full speed: batches of 64 sendmmsg messages of FULL_SPEED_GSO datagrams each, which the kernel cuts
# into ordinary datagrams (UDP_SEGMENT) before the receiver sees them. Sent one by one, one core offered 0.6-0.9
# million/s, which the jar nearly kept up with, so the figure measured the sender; 32 per message offers 1.5-3
# million/s and measures the receivers. 300,000 datagrams at that pace last about 0.15 s, too short for a steady
# figure (the jar's share went from 19 to 39% between such runs, its JIT still reacting to full batches), so
# full speed sends FULL_SPEED_COUNT datagrams, 3 million by default (1-2 s).
# Results: stdout, bench/results/udp.md and udp.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT="${COUNT:-300000}"                   # datagrams per run
RATES="${RATES-50000 100000 200000 0}"     # datagrams per second; 0 = full speed; RATES="" for none
SIZE="${SIZE:-64}"                         # payload bytes
SETTLE="${SETTLE:-2}"                      # seconds between the last datagram sent and SIGTERM
FULL_SPEED_GSO="${FULL_SPEED_GSO:-32}"     # datagrams per sendmmsg message at rate 0 (1 = one by one)
FULL_SPEED_COUNT="${FULL_SPEED_COUNT:-3000000}"  # datagrams per run at rate 0
SERVERS="${SERVERS:-jar seed jar-feed}"
FEED_RATES="${FEED_RATES:-100000}"         # the rates jar-feed runs at (others skip it)
TAIL_CPU="${TAIL_CPU:-$CLIENT_CPU}"
COLD_RUNS="${COLD_RUNS:-5}"                # cold starts of the jar at COLD_RATE, no warm-up; 0 = none
COLD_RATE="${COLD_RATE:-100000}"
# Before measuring, each fresh receiver gets WARMUP_COUNT `warm=` datagrams at WARMUP_RATE/s (not counted):
# a JVM pinned to one CPU spends its first seconds compiling, and loses most datagrams sent in that time.
WARMUP_COUNT="${WARMUP_COUNT:-80000}"
WARMUP_RATE="${WARMUP_RATE:-20000}"

ensure_tools taskset:util-linux ss:iproute2 cc:gcc
setup_workdir
ensure_jar
build_sender
mkdir -p "$RESULTS_DIR"
ROWS="$WORK_DIR/udp-rows.jsonl"
: >"$ROWS"

# The system-wide count of datagrams the kernel dropped because a socket's receive buffer was full.
rcvbuf_errors() {
    awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) col[$i] = i; h = 1 } else print $col["RcvbufErrors"] }' /proc/net/snmp
}

# start_tail NAME STDOUT_FILE: a clustered tail node pinned to TAIL_CPU; returns once the node ($JAR_PID, stderr in
# $WORK_DIR/$NODE_NAME.err) says the tail's subscription reached it. Sets TAIL_PID.
start_tail() {
    local name="$1" out="$2" i
    start_bg "$name" "$TAIL_CPU" "$out" java $JAVA_OPTS -jar "$JAR_RUN" org.epollservers.cluster.TailVerticle \
        -cluster -cluster-host 127.0.0.1 -conf "$(jar_conf)"
    TAIL_PID=$BG_PID
    for ((i = 0; i < 600; i++)); do
        kill -0 "$TAIL_PID" 2>/dev/null || { cat "$WORK_DIR/$name.err" >&2; die "$name exited at start"; }
        grep -q 'feed: subscriber .* joined' "$WORK_DIR/$NODE_NAME.err" 2>/dev/null && return 0
        sleep 0.1
    done
    die "the tail's subscription did not reach the node within 60 s"
}

# run_case SERVER RATE WARMUP CASE: one run, its row appended to $ROWS.
run_case() {
    local s="$1" rate="$2" warmup="$3" case="$4" name out pid port tail_out="" tail_pid="" sender gso count
    name="udp-$s-$rate-$case-$RANDOM"; out="$WORK_DIR/$name.out"
    case "$s" in
        jar)  start_jar "$name" "$out"; pid=$JAR_PID; port=$JAR_UDP_PORT ;;
        jar-feed)
            JAR_EXTRA_ARGS="-cluster -cluster-host 127.0.0.1" JAR_UDP_EXTRA='{"publish":true}' start_jar "$name" "$out"
            pid=$JAR_PID; port=$JAR_UDP_PORT; NODE_NAME=$name
            tail_out="$WORK_DIR/$name.tail.out"; start_tail "$name-tail" "$tail_out"; tail_pid=$TAIL_PID ;;
        seed) start_seed "$name" udp_epoll.py udp "$out"; pid=$SEED_PID; port=$SEED_PORT ;;
        *)    die "unknown server $s" ;;
    esac
    if ((warmup > 0)); then
        taskset -c "$CLIENT_CPU" "$SENDER" --host 127.0.0.1 --port "$port" --prefix warm \
            --count "$warmup" --rate "$WARMUP_RATE" --size "$SIZE" --max-seconds 60 >/dev/null
        sleep 1
    fi
    drops_before="$(rcvbuf_errors)"
    gso=1 count="$COUNT"
    if ((rate == 0)); then gso="$FULL_SPEED_GSO" count="$FULL_SPEED_COUNT"; fi
    sender="$(taskset -c "$CLIENT_CPU" "$SENDER" --host 127.0.0.1 --port "$port" --gso "$gso" \
        --count "$count" --rate "$rate" --size "$SIZE" --max-seconds $((count / 1000 + 60)))" ||
        log "udp_sender exited with $? (stopped early?)"
    sleep "$SETTLE"
    drops_after="$(rcvbuf_errors)"
    stop_pid "$pid" 30
    counted="$("$PY" "$BENCH_DIR/udp_count.py" "$out" --expected "$count")"
    tail_counted='{}'
    if [[ -n $tail_pid ]]; then
        stop_pid "$tail_pid" 30
        tail_counted="$("$PY" "$BENCH_DIR/udp_count.py" "$tail_out" --expected "$count")"
        rm -f "$tail_out"
    fi
    # the jar's own totals, from its last stderr lines: udp stopped: N datagrams received, N printed, N dropped; K
    # dropped by the kernel …[; feed: S sent, D dropped]
    stopped="$(grep -oE 'udp stopped: .*' "$WORK_DIR/$name.err" || true)"
    "$PY" - "$s" "$sender" "$counted" "$stopped" $((drops_after - drops_before)) "$case" "$tail_counted" >>"$ROWS" <<'PY'
import json, re, sys
server, sender, counted, stopped, drops, case, tail = sys.argv[1:8]
row = {"server": server if server != "seed" else "seed_udp", "case": case, **json.loads(sender), **json.loads(counted),
       "rcvbuf_errors": int(drops)}
row["lost"] = row["sent"] - row["distinct"]
tail = json.loads(tail)
if tail:
    row["tail_distinct"] = tail["distinct"]
m = re.search(r"(\d+) datagrams received, (\d+) printed, (\d+) dropped", stopped)
if m:
    # the jar's totals include the warm-up: take off the warm-up lines it printed
    received, printed, dropped = map(int, m.groups())
    row.update(jar_received_total=received, jar_printed_total=printed, jar_dropped_total=dropped,
               jar_received=received - row["warm"], jar_dropped=dropped)
k = re.search(r"(\d+) dropped by the kernel", stopped)
if k:
    row["jar_kernel_dropped"] = int(k.group(1))
f = re.search(r"feed: (\d+) sent, (\d+) dropped", stopped)
if f:
    row.update(jar_feed_sent=int(f.group(1)), jar_feed_dropped=int(f.group(2)))
print(json.dumps(row))
PY
    log "rate $rate $s ($case): $(tail -n1 "$ROWS")"
    rm -f "$out"   # up to count lines per run; the counts are kept
}

for rate in $RATES; do
    for s in $SERVERS; do
        if [[ $s == jar-feed && " $FEED_RATES " != *" $rate "* ]]; then
            continue
        fi
        run_case "$s" "$rate" "$WARMUP_COUNT" warm
    done
done
# A cold start means a fresh JVM, not a busy machine: let the kernel write back the output of the runs before
# (millions of lines on disk) first, so it does not take the server's core in the first seconds.
if ((COLD_RUNS > 0)); then
    sync
    sleep 5
fi
for ((run = 1; run <= COLD_RUNS; run++)); do
    run_case jar "$COLD_RATE" 0 cold
done

params="{\"COLD_RUNS\":$COLD_RUNS,\"COLD_RATE\":$COLD_RATE,\"FEED_RATES\":\"$FEED_RATES\",\"COUNT\":$COUNT,\"FULL_SPEED_COUNT\":$FULL_SPEED_COUNT,\"WARMUP_COUNT\":$WARMUP_COUNT,\"WARMUP_RATE\":$WARMUP_RATE,\"RATES\":\"$RATES\",\"SIZE\":$SIZE,\"SETTLE\":$SETTLE,\"FULL_SPEED_GSO\":$FULL_SPEED_GSO,\"SERVER_CPU\":$SERVER_CPU,\"CLIENT_CPU\":$CLIENT_CPU}"
"$PY" "$BENCH_DIR/benchlib.py" udp "$ROWS" --params "$params" \
    --md "$RESULTS_DIR/udp.md" --json "$RESULTS_DIR/udp.json"

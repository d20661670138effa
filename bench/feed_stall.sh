#!/usr/bin/env bash
# The cluster feed against a subscriber that stops: a clustered jar with udp.publish on, a tail node subscribed,
# a steady RATE datagrams/s for the whole run, and the tail stopped (SIGSTOP) for STALL seconds in the middle.
# Every SAMPLE seconds: the node's heap (from /metrics), datagrams received, printed, and dropped by stage, and whether
# it still answers TCP. Then the tail is resumed and must print again. All on 127.0.0.1.
#
#   bench/feed_stall.sh                     # RATE=20000 STALL=60 SAMPLE=10
#   RATE=20000 STALL=10 SAMPLE=2 bench/feed_stall.sh    # a quick look
# Results: stdout and bench/results/feed_stall.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RATE="${RATE:-20000}"
STALL="${STALL:-60}"
SAMPLE="${SAMPLE:-10}"
LEAD="${LEAD:-10}"        # seconds of feed before the tail stops, and after it resumes

ensure_tools taskset:util-linux cc:gcc curl:curl
setup_workdir
ensure_jar
build_sender
mkdir -p "$RESULTS_DIR"

NODE_NAME=feed-node
JAR_EXTRA_ARGS="-cluster -cluster-host 127.0.0.1" JAR_UDP_EXTRA='{"publish":true,"warmUpDatagrams":0}' \
    start_jar "$NODE_NAME" "$WORK_DIR/node.out"
node_pid=$JAR_PID; udp=$JAR_UDP_PORT; tcp=$JAR_TCP_PORT
admin="$(grep -oE 'admin listening on [^ ]+:[0-9]+' "$WORK_DIR/$NODE_NAME.err" | sed 's/.*://')"
start_bg feed-tail "$CLIENT_CPU" "$WORK_DIR/tail.out" java $JAVA_OPTS -jar "$JAR_RUN" org.epollservers.cluster.TailVerticle \
    -cluster -cluster-host 127.0.0.1 -conf "$(jar_conf)"
tail_pid=$BG_PID
for ((i = 0; i < 600; i++)); do
    grep -q 'feed: subscriber .* joined' "$WORK_DIR/$NODE_NAME.err" && break
    sleep 0.1
done
grep -q 'feed: subscriber .* joined' "$WORK_DIR/$NODE_NAME.err" || die "the tail never subscribed"

total=$((LEAD + STALL + LEAD))
taskset -c "$CLIENT_CPU" "$SENDER" --host 127.0.0.1 --port "$udp" --count $((RATE * total)) --rate "$RATE" --size 64 \
    --max-seconds $((total + 60)) >/dev/null &
sender=$!
metric() { awk -v m="$1" 'index($0, m) == 1 { print $NF; exit }' "$WORK_DIR/metrics.txt"; }
answers() { [[ "$(curl -fsS -0 "http://127.0.0.1:$tcp/" | wc -c)" == 1024 ]] && echo yes || echo no; }
report="$RESULTS_DIR/feed_stall.md"
{
    echo "## The feed with its subscriber stopped for ${STALL} s"
    echo
    echo "_$(date -u '+%Y-%m-%d %H:%M:%S') UTC; RATE=$RATE/s, STALL=$STALL s, LEAD=$LEAD s, node on CPU $SERVER_CPU, tail and sender on CPU ${CLIENT_CPU}_"
    echo
    echo "| t (s) | tail | node heap MiB | received | printed | dropped: kernel | printer | feed | answers TCP |"
    echo "|---|---|---|---|---|---|---|---|---|"
} >"$report"
start=$(date +%s)
state=running
while kill -0 "$sender" 2>/dev/null; do
    t=$(($(date +%s) - start))
    if [[ $state == running && $t -ge $LEAD ]]; then kill -STOP "$tail_pid"; state=stopped; fi
    if [[ $state == stopped && $t -ge $((LEAD + STALL)) ]]; then kill -CONT "$tail_pid"; state=resumed; fi
    curl -fsS "http://127.0.0.1:$admin/metrics" >"$WORK_DIR/metrics.txt" || : >"$WORK_DIR/metrics.txt"
    heap="$(awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { printf "%.1f", s / 1048576 }' "$WORK_DIR/metrics.txt")"
    echo "| $t | $state | $heap | $(metric epoll_servers_udp_datagrams_received_total) | $(metric epoll_servers_udp_datagrams_printed_total) | $(metric 'epoll_servers_udp_datagrams_dropped_total{stage="kernel"') | $(metric 'epoll_servers_udp_datagrams_dropped_total{stage="printer"') | $(metric 'epoll_servers_udp_datagrams_dropped_total{stage="feed"') | $(answers) |" | tee -a "$report"
    sleep "$SAMPLE"
done
sleep 2
before_resume_lines=$(grep -c . "$WORK_DIR/tail.out" || true)
stop_pid "$node_pid" 30
stop_pid "$tail_pid" 30
{
    echo
    echo "Node: $(grep -oE 'udp stopped: .*' "$WORK_DIR/$NODE_NAME.err")"
    echo
    echo "Tail: $(grep -oE 'tail stopped: .*' "$WORK_DIR/feed-tail.err" || echo 'no summary')"
    echo
    echo "Lines the node printed: $(grep -c . "$WORK_DIR/node.out"); lines the tail printed: $before_resume_lines."
    echo
    echo "The node's feed log:"
    echo
    grep -E 'feed: ' "$WORK_DIR/$NODE_NAME.err" | sed 's/^/    /' || true
} | tee -a "$report"
log "report: $report"

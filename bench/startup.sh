#!/usr/bin/env bash
# Start-up and footprint: how long from `java ...` to the first complete answer on the TCP port, beside a bare
# `java -version` on the same machine in the same rounds (the ratio is the figure: it cancels the machine's speed),
# and the process at rest: resident memory and threads, after a quiet spell with the default configuration.
#
#   bench/startup.sh                  # ROUNDS=10 REST=10; IMAGE=epoll-servers also measures the image
#   ROUNDS=3 REST=5 bench/startup.sh  # a quick look
#
# Cases, alternating within each round: `java -version`; the jar plain; the jar with its class-data-sharing archive
# (made for the copy under test by scripts/cds-archive.sh, as the package phase does); the image when IMAGE names one
# and docker or podman runs (its own `java -version` beside it). Before each round the machine's idle share is
# sampled for half a second: a round that starts with the machine busier than BUSY_LIMIT is flagged, as its figures
# cannot be trusted. Results: stdout, bench/results/startup.md and startup.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-10}"
REST="${REST:-10}"              # seconds at rest before memory and threads are read
BUSY_LIMIT="${BUSY_LIMIT:-0.15}"
IMAGE="${IMAGE:-}"
JAVA_FLAGS="-Xlog:disable -Xlog:all=warning:stderr"   # as the image: the JVM's own warnings never reach stdout

ensure_tools cc:gcc ss:iproute2
setup_workdir
ensure_jar
mkdir -p "$RESULTS_DIR"
ROWS="$WORK_DIR/startup-rows.jsonl"
: >"$ROWS"
PROBE="$WORK_DIR/first_answer"
cc -O2 -Wall -o "$PROBE" "$BENCH_DIR/first_answer.c" || die "cannot build first_answer.c"
"$ROOT_DIR/scripts/cds-archive.sh" "$JAR_RUN" "$WORK_DIR/epoll-servers.jsa" >&2
ENGINE=""
if [[ -n $IMAGE ]]; then
    for e in docker podman; do
        command -v "$e" >/dev/null 2>&1 && "$e" image inspect "$IMAGE" >/dev/null 2>&1 && { ENGINE=$e; break; }
    done
    [[ -n $ENGINE ]] || die "IMAGE=$IMAGE given but neither docker nor podman has it"
fi

# busy share of the whole machine over half a second, from /proc/stat
machine_busy() {
    local a b
    a="$(head -n1 /proc/stat)"; sleep 0.5; b="$(head -n1 /proc/stat)"
    "$PY" - "$a" "$b" <<'PY'
import sys
a, b = ([int(x) for x in s.split()[1:]] for s in sys.argv[1:3])
d = [y - x for x, y in zip(a, b)]
idle = d[3] + d[4]
print(f"{1 - idle / sum(d):.2f}" if sum(d) else "0")
PY
}

jar_cmd() {   # jar_cmd PORT [extra java flags...]: the jar's command line, TCP on PORT, UDP and admin on free ports
    local port="$1"; shift
    # shellcheck disable=SC2086  # JAVA_FLAGS is a list of words
    echo env -u APP_ENV TCP_HOST=127.0.0.1 TCP_PORT="$port" UDP_HOST=127.0.0.1 UDP_PORT=0 ADMIN_PORT=0 \
        java $JAVA_FLAGS "$@" -jar "$JAR_RUN"
}

measure() {   # measure CASE ROUND PORT COMMAND...: one first-answer time as a row
    local case="$1" round="$2" port="$3" out; shift 3
    out="$(cd "$WORK_DIR" && "$PROBE" "$port" 60000 "$@" 2>/dev/null)" || out="null 0"
    echo "{\"case\":\"$case\",\"round\":$round,\"ms\":${out%% *},\"bytes\":${out##* },\"machine_busy\":$BUSY}" >>"$ROWS"
    log "round $round $case: ${out%% *} ms"
}

for ((round = 1; round <= ROUNDS; round++)); do
    BUSY="$(machine_busy)"
    port="$(free_port tcp)"
    measure java-version "$round" 0 java -version
    # shellcheck disable=SC2046  # the command is a list of words
    measure jar "$round" "$port" $(jar_cmd "$port")
    # shellcheck disable=SC2046
    measure jar-cds "$round" "$port" $(jar_cmd "$port" -XX:SharedArchiveFile="$WORK_DIR/epoll-servers.jsa")
    if [[ -n $ENGINE ]]; then
        measure image-java-version "$round" 0 "$ENGINE" run --rm --entrypoint java "$IMAGE" -version
        measure image "$round" "$port" "$ENGINE" run --rm -p "127.0.0.1:$port:8080" "$IMAGE"
    fi
done

# At rest: the default configuration (ports moved to free ones on 127.0.0.1), after REST quiet seconds.
rest_row() {   # rest_row CASE PID
    local threads
    threads="$(ls "/proc/$2/task" | wc -l)"
    echo "{\"case\":\"$1\",\"rest_rss_kb\":$(rss_kb "$2"),\"rest_threads\":$threads,\"rest_seconds\":$REST}" >>"$ROWS"
    log "$1 at rest: $(rss_kb "$2") KiB, $threads threads"
}
for c in jar jar-cds; do
    port="$(free_port tcp)"
    flags=()
    [[ $c == jar-cds ]] && flags=(-XX:SharedArchiveFile="$WORK_DIR/epoll-servers.jsa")
    # shellcheck disable=SC2046
    start_bg "rest-$c" "0-$(($(nproc) - 1))" /dev/null $(jar_cmd "$port" "${flags[@]}")
    pid=$BG_PID
    wait_listen tcp "$port" "$pid" || die "$c did not listen"
    sleep "$REST"
    rest_row "$c" "$pid"
    stop_pid "$pid"
done
if [[ -n $ENGINE ]]; then
    port="$(free_port tcp)"
    cid="$("$ENGINE" run -d --rm -p "127.0.0.1:$port:8080" "$IMAGE")"
    for ((i = 0; i < 300; i++)); do "$PROBE" "$port" 100 true >/dev/null 2>&1 && break; sleep 0.1; done
    sleep "$REST"
    pid="$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")"
    rest_row image "$pid"
    "$ENGINE" stop -t 10 "$cid" >/dev/null
fi

params="{\"ROUNDS\":$ROUNDS,\"REST\":$REST,\"BUSY_LIMIT\":$BUSY_LIMIT,\"IMAGE\":\"$IMAGE\"}"
"$PY" "$BENCH_DIR/benchlib.py" startup "$ROWS" --params "$params" \
    --md "$RESULTS_DIR/startup.md" --json "$RESULTS_DIR/startup.json"

# shellcheck shell=bash disable=SC2034  # sourced; the variables set here are read by the scripts
# Shared helpers for bench/*.sh; sourced, not run. Every function keeps traffic on 127.0.0.1 and every wait is
# bounded in time. Processes are started through start_bg so cleanup (run from the EXIT trap) can stop them.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
JAR="${JAR:-$ROOT_DIR/target/epoll-servers.jar}"   # JAR=... measures another build
RESULTS_DIR="$BENCH_DIR/results"
SERVER_CPU="${SERVER_CPU:-0}"   # the server under test runs alone on this CPU
CLIENT_CPU="${CLIENT_CPU:-1}"   # the load generator runs alone on this one
JAVA_OPTS="${JAVA_OPTS:-}"

# The real interpreter, not the pyenv shim: the pid we record must be the Python process itself.
PY="$(python3 -c 'import sys; print(sys.executable)')"

STARTED_PIDS=()
WORK_DIR=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Stop everything this script started (TERM, then KILL after 10 s), and remove the scratch folder.
cleanup() {
    local pid i
    for pid in "${STARTED_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ -n "$WORK_DIR" && -d "$WORK_DIR" && "${KEEP_WORK:-0}" != 1 ]]; then
        rm -rf "$WORK_DIR"
    fi
}

setup_workdir() {
    WORK_DIR="$(mktemp -d /tmp/epoll-bench.XXXXXX)"
    chmod 755 "$WORK_DIR"   # nginx workers run as an unprivileged user
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

# Install the missing commands' packages with apt-get (we are root); `apt-get update` runs once, first.
ensure_tools() {   # ensure_tools cmd:package ...
    local pair cmd pkg missing=()
    for pair in "$@"; do
        cmd="${pair%%:*}"; pkg="${pair#*:}"
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) || install_packages "${missing[@]}"
}

install_packages() {   # install_packages package ...
    [[ $(id -u) == 0 ]] || die "missing $*; run as root or install them"
    log "installing $*"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Build the jar if there is none, then run from a private copy in $WORK_DIR: target/ may be rebuilt by someone
# else while we run, and a jar replaced under a running JVM breaks its class loading. A copy caught mid-write
# fails the zip check and is taken again (bounded).
# build_sender: compiles bench/udp_sender.c into the work directory; sets SENDER to it.
build_sender() {
    SENDER="$WORK_DIR/udp_sender"
    cc -O2 -Wall -o "$SENDER" "$BENCH_DIR/udp_sender.c" || die "cannot build $BENCH_DIR/udp_sender.c"
}

ensure_jar() {
    local i
    if [[ ! -f "$JAR" ]]; then
        log "building $JAR"
        (cd "$ROOT_DIR" && mvn -B -q package -DskipTests) >&2
    fi
    [[ -f "$JAR" ]] || die "no $JAR after the build"
    [[ -n "$WORK_DIR" ]] || die "ensure_jar needs setup_workdir first"
    for ((i = 0; i < 10; i++)); do
        cp "$JAR" "$WORK_DIR/epoll-servers.jar" 2>/dev/null &&
            "$PY" -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' \
                "$WORK_DIR/epoll-servers.jar" 2>/dev/null && { JAR_RUN="$WORK_DIR/epoll-servers.jar"; return 0; }
        sleep 3
    done
    die "could not take a whole copy of $JAR"
}

# Raise the soft descriptor limit as far as allowed: 65536, else the hard limit.
raise_nofile() {
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
}

# start_bg NAME CPU STDOUT_FILE COMMAND...: start COMMAND pinned to CPU, in $WORK_DIR (so no conf/ of the caller's
# directory is read), stderr to $WORK_DIR/NAME.err. The subshell and taskset exec the command, so $! is the server's
# own pid. Sets BG_PID.
start_bg() {
    local name="$1" cpu="$2" out="$3"; shift 3
    (cd "$WORK_DIR" && exec taskset -c "$cpu" "$@") >"$out" 2>"$WORK_DIR/$name.err" &
    BG_PID=$!
    STARTED_PIDS+=("$BG_PID")
}

# stop_pid PID [SECONDS]: SIGTERM, wait for the exit (bounded), then SIGKILL. Output is flushed by then.
stop_pid() {
    local pid="$1" limit="${2:-30}" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < limit * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
}

# Drop a pid that has exited from STARTED_PIDS, so cleanup never signals a later process that reuses it.
forget_pid() {
    local kept=() p
    for p in "${STARTED_PIDS[@]}"; do [[ $p == "$1" ]] || kept+=("$p"); done
    STARTED_PIDS=("${kept[@]}")
}

# A port that was free a moment ago (for the servers that need one named: nginx and the seed programs).
free_port() {   # free_port tcp|udp
    "$PY" - "$1" <<'PY'
import socket, sys
kind = socket.SOCK_STREAM if sys.argv[1] == "tcp" else socket.SOCK_DGRAM
s = socket.socket(socket.AF_INET, kind)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# wait_listen tcp|udp PORT PID: until something listens on 127.0.0.1:PORT (30 s at most, and not after PID died).
wait_listen() {
    local proto="$1" port="$2" pid="$3" i flag
    [[ $proto == tcp ]] && flag=-Hltn || flag=-Hlun
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || return 1
        [[ -n "$(ss $flag "sport = :$port" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
    return 1
}

# The jar's -conf for a benchmark: every section that has a host and a port (those of its packed conf/config.json,
# or, for a jar whose defaults live in code, tcp, udp and admin when it has one) moves to 127.0.0.1 on an ephemeral
# port, so nothing we start leaves loopback or collides with a port in use; only keys the jar itself knows are
# named. $1, a JSON object, is merged into tcp (e.g. {"headerTimeout":"120s"}); $JAR_UDP_EXTRA, likewise, into udp.
jar_conf() {
    local extra="${1:-}" udp_extra="${JAR_UDP_EXTRA:-}"
    [[ -n $extra ]] || extra='{}'
    [[ -n $udp_extra ]] || udp_extra='{}'
    "$PY" - "$JAR_RUN" "$extra" "$udp_extra" <<'PY'
import json, sys, zipfile
jar = zipfile.ZipFile(sys.argv[1])
try:
    defaults = json.loads(jar.read("conf/config.json"))
except (KeyError, ValueError):
    # Newer jars keep their defaults in code (Setting); an admin endpoint shows by its class.
    admin = "org/epollservers/admin/AdminVerticle.class" in jar.namelist()
    defaults = {name: {"host": "", "port": 0} for name in ("tcp", "udp") + (("admin",) if admin else ())}
conf = {name: {"host": "127.0.0.1", "port": 0} for name, section in defaults.items()
        if isinstance(section, dict) and "host" in section and "port" in section}
conf.setdefault("tcp", {}).update(json.loads(sys.argv[2]))
conf.setdefault("udp", {}).update(json.loads(sys.argv[3]))
print(json.dumps(conf, separators=(",", ":")))
PY
}

# start_jar NAME STDOUT_FILE [TCP_EXTRA_JSON]: the jar on 127.0.0.1 ephemeral ports, pinned to SERVER_CPU, with
# $JAR_EXTRA_ARGS (words) after its -conf, e.g. "-cluster -cluster-host 127.0.0.1".
# Sets JAR_PID, JAR_TCP_PORT, JAR_UDP_PORT (parsed from the start-up lines on stderr).
start_jar() {
    local name="$1" out="$2" conf i line
    conf="$(jar_conf "${3:-}")"
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
    # shellcheck disable=SC2086  # JAR_EXTRA_ARGS is a list of words
    start_bg "$name" "$SERVER_CPU" "$out" java $JAVA_OPTS -jar "$JAR_RUN" -conf "$conf" ${JAR_EXTRA_ARGS:-}
    JAR_PID=$BG_PID; JAR_TCP_PORT=""; JAR_UDP_PORT=""
    for ((i = 0; i < 300; i++)); do
        kill -0 "$JAR_PID" 2>/dev/null || { cat "$WORK_DIR/$name.err" >&2; die "$name exited at start"; }
        line="$(grep -oE 'tcp listening on [^ ]+:[0-9]+' "$WORK_DIR/$name.err" 2>/dev/null || true)"
        [[ -n $line ]] && JAR_TCP_PORT="${line##*:}"
        line="$(grep -oE 'udp listening on [^ ]+:[0-9]+' "$WORK_DIR/$name.err" 2>/dev/null || true)"
        [[ -n $line ]] && JAR_UDP_PORT="${line##*:}"
        [[ -n $JAR_TCP_PORT && -n $JAR_UDP_PORT ]] && return 0
        sleep 0.1
    done
    die "$name did not report its ports within 30 s"
}

# start_nginx NAME PORT WORKER_CONNECTIONS [LISTEN_PARAMETERS]: nginx with one worker serving the same 1024-byte
# body; LISTEN_PARAMETERS go on its listen line (e.g. `deferred`); with NGINX_TLS_CERT and NGINX_TLS_KEY it speaks
# TLS, without session resumption, so every connection is a full handshake. Sets NGINX_PID (master) and NGINX_WORKER (its
# single worker).
start_nginx() {
    local name="$1" port="$2" wconn="$3" listen_parameters="${4:-}" dir body i
    dir="$WORK_DIR/$name"
    mkdir -p "$dir/logs"
    body="$(printf 'H%.0s' $(seq 1 1024))"
    cat >"$dir/nginx.conf" <<EOF
# generated by bench/lib.sh: the same job as the jar's, with as little extra work as nginx allows
worker_processes 1;
worker_rlimit_nofile $(ulimit -n);
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events {
    worker_connections $wconn;
}
http {
    access_log off;
    keepalive_timeout ${NGINX_KEEPALIVE_TIMEOUT:-0};
    client_header_timeout 120s;
    default_type text/plain;
    server {
        listen 127.0.0.1:$port${listen_parameters:+ $listen_parameters}${NGINX_TLS_CERT:+ ssl};
        ${NGINX_TLS_CERT:+ssl_certificate $NGINX_TLS_CERT; ssl_certificate_key $NGINX_TLS_KEY; ssl_session_cache off; ssl_session_tickets off;}
        location / {
            return 200 "$body";
        }
    }
}
EOF
    start_bg "$name" "$SERVER_CPU" /dev/null nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -g 'daemon off;'
    NGINX_PID=$BG_PID; NGINX_WORKER=""; NGINX_PORT=$port
    wait_listen tcp "$port" "$NGINX_PID" || { cat "$WORK_DIR/$name.err" "$dir/logs/error.log" >&2; die "$name did not start"; }
    for ((i = 0; i < 100; i++)); do
        NGINX_WORKER="$(pgrep -P "$NGINX_PID" | head -n1 || true)"
        [[ -n $NGINX_WORKER ]] && return 0
        sleep 0.1
    done
    die "$name has no worker"
}

# start_seed NAME SCRIPT PROTO STDOUT_FILE: one of bench/seed/*.py on a free port. Sets SEED_PID, SEED_PORT.
start_seed() {
    local name="$1" script="$2" proto="$3" out="$4"
    SEED_PORT="$(free_port "$proto")"
    # PYTHONUNBUFFERED would make every print a write(2); the seed ran with Python's default buffering.
    start_bg "$name" "$SERVER_CPU" "$out" env -u PYTHONUNBUFFERED "$PY" "$BENCH_DIR/seed/$script" "$SEED_PORT" 127.0.0.1
    SEED_PID=$BG_PID
    wait_listen "$proto" "$SEED_PORT" "$SEED_PID" || { cat "$WORK_DIR/$name.err" >&2; die "$name did not start"; }
}

# start_floor NAME KIND: a floor started on a free port, pinned like the other servers: bench/floor_KIND.c built
# (epoll, or uring with liburing's header from Debian's liburing-dev), or for uring-java bench/FloorUring.java run on
# the jar's Netty with that version's io_uring jars from Maven. Sets FLOOR_PID, FLOOR_PORT.
start_floor() {
    local name="$1" kind="$2" binary="$WORK_DIR/floor_$2" libs=() command
    FLOOR_PORT="$(free_port tcp)"
    if [[ $kind == uring-java ]]; then
        command=(java $JAVA_OPTS -cp "$(uring_classpath)" "$BENCH_DIR/FloorUring.java" "$FLOOR_PORT")
    else
        if [[ $kind == uring ]]; then
            [[ -f /usr/include/liburing.h ]] || install_packages liburing-dev
            libs=(-luring)
        fi
        cc -O2 -Wall -o "$binary" "$BENCH_DIR/floor_$kind.c" "${libs[@]}" || die "cannot build $BENCH_DIR/floor_$kind.c"
        command=("$binary" "$FLOOR_PORT")
    fi
    start_bg "$name" "$SERVER_CPU" /dev/null "${command[@]}"
    FLOOR_PID=$BG_PID
    wait_listen tcp "$FLOOR_PORT" "$FLOOR_PID" || { cat "$WORK_DIR/$name.err" >&2; die "$name did not start"; }
}

# uring_classpath: the jar under test, then Netty's io_uring classes and native library of the jar's own Netty
# version, fetched from Maven into the work directory.
uring_classpath() {
    local version arch artifact
    ensure_tools unzip:unzip
    version="$(unzip -p "$JAR_RUN" META-INF/io.netty.versions.properties | sed -n 's/^netty-transport.version=//p')"
    [[ -n $version ]] || die "no Netty version in $JAR_RUN"
    arch="$(uname -m)"; [[ $arch == aarch64 ]] && arch=aarch_64
    for artifact in "netty-transport-classes-io_uring:$version" "netty-transport-native-io_uring:$version:jar:linux-$arch"; do
        (cd "$ROOT_DIR" && mvn -B -q dependency:copy -Dartifact="io.netty:$artifact" -DoutputDirectory="$WORK_DIR/uring") >&2 \
            || die "cannot fetch io.netty:$artifact"
    done
    printf '%s' "$JAR_RUN"; printf ':%s' "$WORK_DIR"/uring/*.jar
}

# cpu_ticks PID...: utime + stime (fields 14 and 15 of /proc/PID/stat, all threads) summed, in clock ticks.
cpu_ticks() {
    local pid stat total=0 f
    for pid in "$@"; do
        stat="$(cat "/proc/$pid/stat")"
        # the command name (field 2) may hold spaces; split after its closing parenthesis (field 3 onwards)
        read -r -a f <<<"${stat##*) }"
        total=$((total + f[11] + f[12]))
    done
    echo "$total"
}

# core_busy CPU: the busy share of one CPU over half a second, from /proc/stat (processes, kernel and softirq alike).
# Sampled while the server under test is idle, it shows whether something else is using its core.
core_busy() {
    local a b
    a="$(grep "^cpu$1 " /proc/stat)"; sleep 0.5; b="$(grep "^cpu$1 " /proc/stat)"
    "$PY" - "$a" "$b" <<'PY'
import sys
a, b = ([int(x) for x in s.split()[1:]] for s in sys.argv[1:3])
d = [y - x for x, y in zip(a, b)]
print(f"{1 - (d[3] + d[4]) / sum(d):.3f}" if sum(d) else "0")
PY
}

# rss_kb PID...: VmRSS summed, in KiB.
rss_kb() {
    local pid total=0 v
    for pid in "$@"; do
        v="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")"
        total=$((total + v))
    done
    echo "$total"
}

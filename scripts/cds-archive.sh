#!/usr/bin/env bash
# Writes a class-data-sharing archive for the jar: starts it once on 127.0.0.1 ephemeral ports, sends it a TCP request,
# a datagram and an admin request, stops it, and dumps every class it loaded into a static archive. A JVM started with
# -XX:SharedArchiveFile=ARCHIVE then maps those classes instead of loading and verifying them again (measured in
# docs/performance.md). A static archive rather than -XX:ArchiveClassesAtExit, because only the static dump of Java 17
# keeps class files older than Java 6, and picocli (which the launcher parses its options with) is such a one. The
# archive is only valid for the same JVM build and the same jar, which is why the package phase makes one for target/
# and the image makes its own with the image's JVM.
#
#   scripts/cds-archive.sh JAR ARCHIVE [JAVA]      (CDS_JAVA_OPTS: more JVM flags for the training start)
set -euo pipefail

jar="$(realpath "$1")" archive="$2" java="${3:-java}"   # the archive records the path the dump sees
log="$(mktemp)" classes="$(mktemp)"
trap '[[ -n ${KEEP_LOG:-} ]] && cp "$log" "$KEEP_LOG"; rm -f "$log" "$classes"' EXIT
rm -f "$archive"

# Plain start-up as a user would have it; warnings of the JVM go to stderr, never to stdout.
# shellcheck disable=SC2086  # CDS_JAVA_OPTS is a list of words
env -u APP_ENV -u JAVA_TOOL_OPTIONS "$java" ${CDS_JAVA_OPTS:-} -XX:DumpLoadedClassList="$classes" -Xlog:disable -Xlog:all=warning:stderr \
  -jar "$jar" -conf '{"tcp":{"host":"127.0.0.1","port":0},"udp":{"host":"127.0.0.1","port":0},"admin":{"port":0}}' \
  >/dev/null 2>"$log" &
pid=$!

port_of() { grep -oE "$1 listening on [^ ]+:[0-9]+" "$log" | head -n1 | sed 's/.*://'; }
for ((i = 0; i < 600; i++)); do
  grep -q 'started in' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "cds-archive: the jar exited at start" >&2; exit 1; }
  sleep 0.1
done
grep -q 'started in' "$log" || { kill -KILL "$pid"; cat "$log" >&2; echo "cds-archive: no start within 60 s" >&2; exit 1; }

ask() {   # ask PORT PATH: one HTTP/1.0 request, answer read to its end
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&3
  cat <&3 >/dev/null
  exec 3<&-
}
ask "$(port_of tcp)" /
ask "$(port_of admin)" /metrics
printf 'cds training\n' >"/dev/udp/127.0.0.1/$(port_of udp)"

kill -TERM "$pid"
wait "$pid" || true
# The dump runs with the training's flags, as the collector chosen decides which parts of the archive a start can map.
# shellcheck disable=SC2086
env -u JAVA_TOOL_OPTIONS "$java" ${CDS_JAVA_OPTS:-} -Xshare:dump -XX:SharedClassListFile="$classes" \
  -XX:SharedArchiveFile="$archive" -Xlog:disable -Xlog:all=error:stderr -cp "$jar" >>"$log" 2>&1 \
  || { cat "$log" >&2; echo "cds-archive: the JVM could not dump $archive" >&2; exit 1; }
[[ -s $archive ]] || { cat "$log" >&2; echo "cds-archive: the JVM wrote no $archive" >&2; exit 1; }
echo "cds-archive: wrote $archive ($(du -k "$archive" | cut -f1) KiB)"

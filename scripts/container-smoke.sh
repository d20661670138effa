#!/usr/bin/env bash
# For anyone with Docker: builds the image, starts it, sends a request and a datagram, checks health, stops it.
# Everything goes to 127.0.0.1 ports published by this container only.
set -euo pipefail
cd "$(dirname "$0")/.."

image=epoll-servers:smoke
name=epoll-servers-smoke-$$
docker build -t "$image" .
docker run -d --name "$name" -p 127.0.0.1::8080 -p 127.0.0.1::1234/udp -p 127.0.0.1::9100 "$image" >/dev/null
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT

port() { docker port "$name" "$1" | head -n 1 | sed 's/.*://'; }
tcp=$(port 8080/tcp); udp=$(port 1234/udp); admin=$(port 9100/tcp)

for _ in $(seq 1 60); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] && break
  sleep 1
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ] || { echo "never healthy"; docker logs "$name"; exit 1; }

curl -fsS "http://127.0.0.1:$admin/health/live" | grep -q '"UP"'
body=$(curl -fsS -0 "http://127.0.0.1:$tcp/")
[ "${#body}" -eq 1024 ] || { echo "unexpected body length ${#body}"; exit 1; }
printf 'smoke datagram' > "/dev/udp/127.0.0.1/$udp"
sleep 1
docker logs "$name" 2>/dev/null | grep -q ' smoke datagram$' || { echo "datagram not printed"; docker logs "$name"; exit 1; }
curl -fsS "http://127.0.0.1:$admin/metrics" | grep -q '^epoll_servers_tcp_responses_total{port="8080"} 1.0'

docker stop -t 15 "$name" >/dev/null
echo "container smoke test passed"

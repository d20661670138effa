#!/usr/bin/env python3
"""Soak run: hundreds of thousands of TCP connections with random client aborts against the packaged jar.

Starts target/epoll-servers.jar on loopback ephemeral ports, runs a warm-up, measures the server's open file
descriptors and its heap after a full GC, runs the main phase, measures again, and prints both. Traffic goes to
127.0.0.1 only; the run is bounded by --connections and --max-seconds and stops the server at the end.

    python3 bench/soak.py --connections 300000 --concurrency 200
"""
import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUEST = b"GET / HTTP/1.0\r\nHost: soak\r\n\r\n"
EXPECTED = 1157  # the seed's response: 133 bytes of head, 1024 of body

BEHAVIOURS = ["complete", "complete", "complete", "reset_before", "reset_mid_head", "reset_after_request",
              "reset_mid_response", "half_close_early", "post_body", "close_without_reading"]


def reset(writer):
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def one(port, behaviour, counts):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        counts["connect_errors"] += 1
        return
    try:
        if behaviour == "reset_before":
            reset(writer)
        elif behaviour == "reset_mid_head":
            writer.write(b"GET / HTTP/1.0\r\nHost: so")
            await writer.drain()
            reset(writer)
        elif behaviour == "reset_after_request":
            writer.write(REQUEST)
            await writer.drain()
            reset(writer)
        elif behaviour == "reset_mid_response":
            writer.write(REQUEST)
            await writer.drain()
            await reader.read(100)
            reset(writer)
        elif behaviour == "half_close_early":
            writer.write(b"GET / HTTP/1.0\r\n")
            writer.write_eof()
            await reader.read()
            writer.close()
        elif behaviour == "post_body":
            writer.write(b"POST / HTTP/1.0\r\nContent-Length: 20000\r\n\r\n" + b"x" * 20000)
            await writer.drain()
            data = await reader.read()
            counts["ok" if len(data) == EXPECTED else "bad_answers"] += 1
            writer.close()
        elif behaviour == "close_without_reading":
            writer.write(REQUEST)
            await writer.drain()
            writer.close()
        else:
            writer.write(REQUEST)
            await writer.drain()
            data = await reader.read()
            counts["ok" if len(data) == EXPECTED else "bad_answers"] += 1
            writer.close()
    except (ConnectionError, OSError):
        counts["client_saw_reset"] += 1
        writer.transport.abort()


async def phase(port, total, concurrency, deadline, rng):
    counts = {"ok": 0, "bad_answers": 0, "connect_errors": 0, "client_saw_reset": 0}
    queue = iter(range(total))
    done = 0

    async def worker():
        nonlocal done
        for _ in queue:
            if time.monotonic() > deadline:
                return
            await one(port, rng.choice(BEHAVIOURS), counts)
            done += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    counts["connections"] = done
    return counts


def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def heap_after_gc(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(0.5)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"used (\d+)K", info).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=300_000)
    parser.add_argument("--warmup", type=int, default=30_000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--max-seconds", type=int, default=900)
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "epoll-servers.jar"))
    args = parser.parse_args()

    conf = {"tcp": {"host": "127.0.0.1", "port": 0, "lingerTimeout": "200ms"}, "udp": {"host": "127.0.0.1", "port": 0}}
    server = subprocess.Popen(["java", "-Xmx256m", "-jar", args.jar, "-conf", json.dumps(conf)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    port = None
    for line in server.stderr:
        match = re.search(r"tcp listening on [^:]+:(\d+)", line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        sys.exit("the server did not start")
    deadline = time.monotonic() + args.max_seconds
    rng = random.Random(7)
    try:
        started = time.monotonic()
        warm = asyncio.run(phase(port, args.warmup, args.concurrency, deadline, rng))
        time.sleep(1)
        # The first jcmd makes the JVM open its attach socket: do it before counting descriptors.
        heap_after_gc(server.pid)
        before = (fds(server.pid), heap_after_gc(server.pid))
        main_started = time.monotonic()
        run = asyncio.run(phase(port, args.connections, args.concurrency, deadline, rng))
        elapsed = time.monotonic() - main_started
        time.sleep(1)
        after = (fds(server.pid), heap_after_gc(server.pid))
        print(f"warm-up: {warm}")
        print(f"main:    {run}  in {elapsed:.1f} s ({run['connections'] / elapsed:.0f} connections/s)")
        print(f"| measure | after warm-up | after {run['connections']} connections |")
        print("|---|---|---|")
        print(f"| server file descriptors | {before[0]} | {after[0]} |")
        print(f"| server heap used after full GC (KiB) | {before[1]} | {after[1]} |")
        print(f"total time {time.monotonic() - started:.1f} s")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        for line in server.stderr:
            if "tcp stopped" in line:
                print(line.strip())


if __name__ == "__main__":
    main()

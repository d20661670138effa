#!/usr/bin/env python3
"""Hold many idle TCP connections on a loopback server and measure what they cost it in memory.

    python3 bench/c10k.py --port 8080 --pid 1234 --connections 10000 --label jar --exact

1. warm-up: --warmup full request/response exchanges (so the server has loaded its code before we measure);
2. RSS before: VmRSS of every --pid, summed (for nginx pass the master and the worker);
3. open --connections connections, at most --batch connecting at a time, and send each one the start of a
   request, `GET / HTTP/1.0\\r\\nHost: x\\r\\n`, without the blank line that would end it;
4. wait until the servers' open descriptors grew by as many (each connection accepted), then --settle seconds;
5. RSS held, then send every connection its blank line, read every response to EOF and check it: status 200,
   Content-Length 1024, 1024 × 'H' (with --exact: the seed's 1157 bytes, byte for byte).

Prints one JSON line. Only loopback addresses are used; every phase is bounded by --timeout seconds. When more
connections are asked than one source address has ephemeral ports, sources 127.0.0.2, 127.0.0.3 ... are added.
"""
import argparse
import errno
import ipaddress
import json
import os
import resource
import select
import socket
import sys
import time

PARTIAL = b"GET / HTTP/1.0\r\nHost: x\r\n"
FULL = PARTIAL + b"\r\n"
BODY = b"H" * 1024
EXACT = (b"HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
         b"Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n" + BODY)
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)


def proc_value(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def rss_kb(pids):
    return sum(proc_value(p, "VmRSS") for p in pids)


def fd_count(pids):
    return sum(len(os.listdir(f"/proc/{p}/fd")) for p in pids)


def source_addresses(n):
    """127.0.0.1, plus 127.0.0.2, ... when n is more than about 90 % of the ephemeral port range."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = map(int, f.read().split())
        per_source = int((high - low + 1) * 0.9)
    except OSError:
        per_source = 25000
    count = max(1, -(-n // per_source))
    return [f"127.0.0.{i + 1}" for i in range(count)]


class Client:
    """Non-blocking sockets on one epoll; everything is keyed by file descriptor."""

    def __init__(self, host, port, sources):
        self.addr = (host, port)
        self.sources = sources if len(sources) > 1 else None
        self.ep = select.epoll()
        self.socks = {}

    def new_socket(self, i):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        if self.sources:
            # pick the port at connect() time, from the whole 4-tuple, so each source has its full range
            s.setsockopt(socket.SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1)
            s.bind((self.sources[i % len(self.sources)], 0))
        return s

    def open(self, n, first_bytes, batch, deadline):
        """Open n connections (at most `batch` in progress) and send first_bytes on each; returns (fds, failed)."""
        connecting, opened, failed, started = {}, [], 0, 0
        while (started < n or connecting) and time.monotonic() < deadline:
            while started < n and len(connecting) < batch:
                s = self.new_socket(started)
                started += 1
                rc = s.connect_ex(self.addr)
                if rc not in (0, errno.EINPROGRESS):
                    failed += 1
                    s.close()
                    continue
                self.ep.register(s.fileno(), select.EPOLLOUT)
                connecting[s.fileno()] = s
            for fd, _ in self.ep.poll(0.2):
                s = connecting.pop(fd, None)
                if s is None:
                    continue
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                    failed += 1
                    self.ep.unregister(fd)
                    s.close()
                    continue
                try:
                    s.send(first_bytes)  # a few dozen bytes: the socket buffer takes them at once
                except OSError:
                    failed += 1
                    self.ep.unregister(fd)
                    s.close()
                    continue
                # while held, we only want to hear about the server closing or answering early
                self.ep.modify(fd, select.EPOLLIN | select.EPOLLRDHUP)
                self.socks[fd] = s
                opened.append(fd)
        for fd, s in connecting.items():  # still connecting at the deadline
            failed += 1
            self.ep.unregister(fd)
            s.close()
        return opened, failed

    def early_events(self):
        """Connections the server closed or answered while they should have been waiting."""
        return {fd for fd, _ in self.ep.poll(0)}

    def read_all(self, fds, deadline):
        """Read each fd to EOF; returns {fd: (bytes, error or None)}. Closes them."""
        bufs = {fd: bytearray() for fd in fds}
        result = {}
        while bufs and time.monotonic() < deadline:
            for fd, _ in self.ep.poll(0.2):
                if fd not in bufs:
                    continue
                s = self.socks[fd]
                err = None
                try:
                    while True:  # until EOF (or a runaway answer); BlockingIOError = nothing more yet
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        bufs[fd] += chunk
                        if len(bufs[fd]) > 1 << 20:
                            err = "too long"
                            break
                except BlockingIOError:
                    continue  # no more for now; the connection is still open
                except OSError as e:
                    err = errno.errorcode.get(e.errno, str(e.errno))
                result[fd] = (bytes(bufs.pop(fd)), err)
                self.close(fd)
        for fd, buf in bufs.items():
            result[fd] = (bytes(buf), "timeout")
            self.close(fd)
        return result

    def close(self, fd):
        s = self.socks.pop(fd)
        self.ep.unregister(fd)
        s.close()


def check(response, exact):
    """None when response is a full 200 with the 1024-byte body, else why not."""
    if exact:
        return None if response == EXACT else ("short" if EXACT.startswith(response) else "differs")
    head, sep, body = response.partition(b"\r\n\r\n")
    if not sep:
        return "short"
    lines = head.split(b"\r\n")
    if not lines[0].startswith(b"HTTP/1.") or lines[0].split(b" ")[1:2] != [b"200"]:
        return "status"
    lengths = [ln.split(b":", 1)[1].strip() for ln in lines[1:] if ln.lower().startswith(b"content-length:")]
    if lengths != [b"1024"]:
        return "content-length"
    return None if body == BODY else ("short" if BODY.startswith(body) else "body")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, action="append", required=True, help="server process to measure (repeat)")
    ap.add_argument("--connections", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=200, help="connections in progress at once while opening")
    ap.add_argument("--warmup", type=int, default=2000, help="full exchanges before measuring")
    ap.add_argument("--settle", type=float, default=2.0, help="seconds between all accepted and the RSS reading")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds allowed to each phase")
    ap.add_argument("--exact", action="store_true", help="require the seed's exact 1157-byte response")
    ap.add_argument("--label", default="server")
    ap.add_argument("--sources", type=int, default=0,
                    help="source addresses 127.0.0.1, .2, ... to spread the connections over (0 = as needed)")
    args = ap.parse_args()

    if not ipaddress.ip_address(args.host).is_loopback:
        sys.exit(f"c10k: refusing {args.host}: only loopback addresses are allowed")
    n = args.connections
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = n + 200
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            sys.exit(f"c10k: {n} connections need {need} descriptors; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))

    sources = ([f"127.0.0.{i + 1}" for i in range(min(args.sources, 254))] if args.sources > 0
               else source_addresses(n))
    client = Client(args.host, args.port, sources)
    row = {"server": args.label, "connections": n, "sources": len(client.sources or [1])}

    # 1. warm-up, in batches, each exchange complete
    warm_ok = 0
    deadline = time.monotonic() + args.timeout
    done = 0
    while done < args.warmup and time.monotonic() < deadline:
        k = min(args.batch, args.warmup - done)
        fds, _ = client.open(k, FULL, args.batch, deadline)
        warm_ok += sum(check(r, args.exact) is None for r, _ in client.read_all(fds, deadline).values())
        done += k
    row["warmup_ok"] = warm_ok
    time.sleep(1)

    # 2. before
    row["rss_before_kb"] = rss_kb(args.pid)
    fds_before = fd_count(args.pid)

    # 3. open and hold
    t0 = time.monotonic()
    held, failed = client.open(n, PARTIAL, args.batch, t0 + args.timeout)
    row["opened"], row["connect_failed"] = len(held), failed

    # 4. wait until the server has accepted them all (its descriptor count says so), then settle
    deadline = time.monotonic() + args.timeout
    while fd_count(args.pid) - fds_before < len(held) and time.monotonic() < deadline:
        time.sleep(0.2)
    row["open_seconds"] = round(time.monotonic() - t0, 3)
    row["accepted"] = fd_count(args.pid) - fds_before
    time.sleep(args.settle)
    row["rss_held_kb"] = rss_kb(args.pid)
    row["accepted_after_settle"] = fd_count(args.pid) - fds_before
    row["rss_per_conn_bytes"] = (round((row["rss_held_kb"] - row["rss_before_kb"]) * 1024 / len(held))
                                 if held else None)
    early = client.early_events()
    row["closed_or_answered_early"] = len(early)

    # 5. finish every request and check every response
    t1 = time.monotonic()
    send_failed = 0
    for fd in held:
        try:
            client.socks[fd].send(b"\r\n")
        except OSError:
            send_failed += 1  # already closed by the server; the read below records what came back
    results = client.read_all(held, time.monotonic() + args.timeout)
    row["finish_seconds"] = round(time.monotonic() - t1, 3)
    reasons = {}
    ok = 0
    for response, err in results.values():
        why = check(response, args.exact)
        if why is None:
            ok += 1
        else:
            key = f"{why}/{err}" if err else why
            reasons[key] = reasons.get(key, 0) + 1
    row.update(complete_ok=ok, failed=n - ok, failures=reasons, send_failed=send_failed)
    print(json.dumps(row))
    return 0 if ok == n else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Send numbered UDP datagrams to a loopback receiver at a steady rate, then print one JSON line.

Each payload starts with its sequence number, `seq=000123 `, and is padded with `x` to --size bytes, so a
receiver's printed lines can be matched back to what was sent (see udp_count.py). A warm-up run uses
`--prefix warm` (`warm=000123 `), which udp_count.py counts apart.

    python3 bench/udp_sender.py --port 1234 --count 300000 --rate 100000 --size 64

--rate 0 sends as fast as one Python thread can. Otherwise the sender keeps to the schedule "datagram i leaves
at start + i/rate": each pass sends, in one burst, every datagram whose time has come (a sleep in Python is
coarser than the gap between two datagrams at these rates, so sending one per sleep would fall behind), then
sleeps until the next one is due. The average rate is exact; bursts stay below about a millisecond's worth.

Only loopback destinations (127.0.0.0/8, ::1) are accepted. The run stops after --count datagrams or
--max-seconds, whichever comes first.
"""
import argparse
import ipaddress
import json
import socket
import sys
import time

BURST_CAP = 256  # datagrams sent before looking at the clock again


def loopback_address(host):
    """Resolve host and return (family, address) if every address it names is a loopback one, else exit."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_DGRAM)
    except socket.gaierror as e:
        sys.exit(f"udp_sender: cannot resolve {host!r}: {e}")
    addresses = {(info[0], info[4][0]) for info in infos}
    for _, address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_loopback:
            sys.exit(f"udp_sender: refusing {host!r} ({address}): only loopback destinations are allowed")
    return sorted(addresses)[0]


def payload_maker(size, count, prefix):
    digits = max(6, len(str(max(count - 1, 0))))
    head_len = len(prefix) + 1 + digits + 1
    if size < head_len:
        sys.exit(f"udp_sender: --size {size} is too small for a {head_len}-byte sequence header")
    pad = b"x" * (size - head_len)
    fmt = prefix.encode() + b"=%0" + str(digits).encode() + b"d "
    return lambda i: fmt % i + pad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, default=100000, help="datagrams to send")
    ap.add_argument("--rate", type=float, default=0, help="datagrams per second; 0 = as fast as possible")
    ap.add_argument("--size", type=int, default=64, help="payload bytes")
    ap.add_argument("--prefix", default="seq", help="payload tag; udp_count.py counts `seq`, and `warm` apart")
    ap.add_argument("--max-seconds", type=float, default=120, help="stop after this long whatever was sent")
    args = ap.parse_args()
    if not 0 < args.port < 65536 or args.count < 0 or args.rate < 0 or args.size > 65507:
        sys.exit("udp_sender: bad --port, --count, --rate or --size")
    if not args.prefix.isalnum():
        sys.exit("udp_sender: --prefix must be letters or digits")

    family, address = loopback_address(args.host)
    make = payload_maker(args.size, args.count, args.prefix)
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    sock.connect((address, args.port))  # connected: send() skips the per-call address lookup of sendto()
    send = sock.send

    count, rate = args.count, args.rate
    sent = errors = 0
    clock = time.perf_counter
    start = clock()
    deadline = start + args.max_seconds
    next_seq = 0
    while next_seq < count:
        now = clock()
        if now >= deadline:
            break
        if rate > 0:
            due = min(count, int((now - start) * rate) + 1)
            if due <= next_seq:
                # nothing due yet: sleep until the next datagram's time (the OS may oversleep; we catch up)
                time.sleep(max(0.0, start + next_seq / rate - now))
                continue
        else:
            due = count
        end = min(due, next_seq + BURST_CAP)
        for i in range(next_seq, end):
            try:
                send(make(i))
                sent += 1
            except OSError:
                # e.g. ECONNREFUSED (an ICMP port-unreachable for an earlier datagram) or ENOBUFS: counted, not retried
                errors += 1
        next_seq = end
    elapsed = clock() - start
    sock.close()
    print(json.dumps({
        "host": address, "port": args.port, "size": args.size, "rate_target": rate,
        "attempted": next_seq, "sent": sent, "errors": errors, "elapsed_s": round(elapsed, 4),
        "rate_achieved": round(sent / elapsed, 1) if elapsed > 0 else None,
    }))
    return 0 if next_seq == count else 3


if __name__ == "__main__":
    sys.exit(main())

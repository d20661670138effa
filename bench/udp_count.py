#!/usr/bin/env python3
"""Count the distinct sequence numbers a UDP receiver printed, from its stdout saved in a file.

Both printers write one line per datagram, `<ip> <port> <payload>` (the jar's tail node puts `<node> ` first): the
jar escapes the payload, the seed port decodes it as UTF-8; udp_sender.c payloads are plain ASCII (`seq=000123 xxx…`), so both read the same. A
`b'seq=…'` payload (a Python 3 print of raw bytes) is accepted too. Warm-up lines (`warm=…`) are counted
apart; other lines (e.g. the seed's "in finally") are ignored.

    python3 bench/udp_count.py received.txt --expected 300000

prints one JSON line: lines read, `seq` lines, `warm` lines, distinct sequence numbers, duplicates, numbers outside
0..expected-1, and lost = expected - distinct (when --expected is given).
"""
import argparse
import json
import re
import sys

LINE = re.compile(rb"^(?:\S+ )?\S+ \d+ (?:b')?(seq|warm)=(\d+) ")


def count(path, expected=None):
    seen = set()
    lines = matched = out_of_range = warm = 0
    with open(path, "rb") as f:
        for line in f:
            lines += 1
            m = LINE.match(line)
            if not m:
                continue
            if m.group(1) == b"warm":
                warm += 1
                continue
            matched += 1
            seq = int(m.group(2))
            if expected is not None and not 0 <= seq < expected:
                out_of_range += 1
                continue
            seen.add(seq)
    result = {"lines": lines, "matched": matched, "distinct": len(seen),
              "duplicates": matched - out_of_range - len(seen), "out_of_range": out_of_range, "warm": warm}
    if expected is not None:
        result["expected"] = expected
        result["lost"] = expected - len(seen)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--expected", type=int, help="datagrams sent, numbered 0..expected-1")
    args = ap.parse_args()
    print(json.dumps(count(args.file, args.expected)))


if __name__ == "__main__":
    sys.exit(main())

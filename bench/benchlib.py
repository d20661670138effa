#!/usr/bin/env python3
"""Small helpers for the bench/*.sh scripts: parse one wrk run, and turn the rows each script collected
(JSON lines) into a markdown table on stdout plus results/<name>.md and results/<name>.json.

    benchlib.py wrk-row --server jar --round 1 --wrk FILE --ticks-before N --ticks-after N --clk-tck 100
    benchlib.py tcp  ROWS.jsonl --params JSON --md OUT.md --json OUT.json
    benchlib.py udp  ROWS.jsonl --params JSON --md OUT.md --json OUT.json
    benchlib.py c10k ROWS.jsonl --params JSON --md OUT.md --json OUT.json
    benchlib.py startup ROWS.jsonl --params JSON --md OUT.md --json OUT.json
    benchlib.py headline RESULTS_DIR   (the ratios the targets name, from the last runs' JSON)
    benchlib.py tcp-dat TCP.json   (the per-server medians as a whitespace table for gnuplot)
"""
import argparse
import json
import re
import statistics
import sys
import time

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"cannot read the duration {text!r}")
    return float(m.group(1)) * UNIT_MS[m.group(2)]


def parse_wrk(text):
    """The numbers we use from `wrk --latency` output."""
    out = {"p50_ms": None, "p99_ms": None, "requests": None, "seconds": None, "rps": None,
           "socket_errors": 0, "non_2xx_3xx": 0}
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}%\s+(\S+)\s*$", text, re.M)
        if m:
            out[key] = round(to_ms(m.group(1)), 3)
    m = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", text, re.M)
    if m:
        out["requests"] = int(m.group(1))
        out["seconds"] = to_ms(m.group(2) + m.group(3)) / 1000
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if m:
        out["rps"] = float(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        out["socket_errors"] = sum(int(g) for g in m.groups())
        out["socket_error_detail"] = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        out["non_2xx_3xx"] = int(m.group(1))
    out["errors"] = out["socket_errors"] + out["non_2xx_3xx"]
    return out


def wrk_row(args):
    with open(args.wrk) as f:
        row = parse_wrk(f.read())
    ticks = args.ticks_after - args.ticks_before
    row.update({"server": args.server, "round": args.round, "cpu_ticks": ticks})
    cpu_us = ticks / args.clk_tck * 1e6
    row["cpu_us_per_conn"] = round(cpu_us / row["requests"], 2) if row["requests"] else None
    row["cpu_util"] = round(cpu_us / 1e6 / row["seconds"], 3) if row["seconds"] else None
    if args.procstat_before and args.procstat_after:
        # how busy each CPU was as a whole (processes, kernel, softirq); client near 1.00 = wrk was the limit
        before, after = read_procstat(args.procstat_before), read_procstat(args.procstat_after)
        for key, cpu in (("server_cpu_busy", args.server_cpu), ("client_cpu_busy", args.client_cpu)):
            b0, t0 = before[cpu]
            b1, t1 = after[cpu]
            row[key] = round((b1 - b0) / (t1 - t0), 3) if t1 > t0 else None
    if args.idle_busy is not None:
        row["server_core_busy_idle"] = args.idle_busy
    print(json.dumps(row))


def read_procstat(path):
    """{cpu number: (busy jiffies, total jiffies)} from a copy of /proc/stat."""
    cpus = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"cpu(\d+) (.*)", line)
            if m:
                v = [int(x) for x in m.group(2).split()]
                total = sum(v[:8])  # user nice system idle iowait irq softirq steal (guest is inside user)
                cpus[int(m.group(1))] = (total - v[3] - v[4], total)
    return cpus


def read_rows(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def whole(v):
    """A median that is a whole number, as an int (the median of two ints may be x.5)."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(fmt(c) if not isinstance(c, str) else c for c in r) + " |" for r in rows]
    return "\n".join(lines)


def write_outputs(args, title, md_body, data):
    params = json.loads(args.params) if args.params else {}
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %z")
    md = f"## {title}\n\n_{stamp}; parameters: " + ", ".join(f"{k}={v}" for k, v in params.items()) + "_\n\n"
    md += md_body + "\n"
    print(md)
    if args.md:
        with open(args.md, "w") as f:
            f.write(md)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"generated": stamp, "params": params, **data}, f, indent=2)
            f.write("\n")


SERVER_NAMES = {"jar": "epoll-servers (jar)", "jar-uring": "epoll-servers (jar), tcp.acceptor io_uring", "nginx": "nginx", "nginx-deferred": "nginx, listen deferred",
                "nginx-reuseport": "nginx, listen reuseport deferred",
                "seed": "seed tcp_epoll.py", "floor-epoll": "floor in C, epoll (bench/floor_epoll.c)",
                "floor-uring": "floor in C, io_uring (bench/floor_uring.c)",
                "floor-uring-java": "floor in Java, io_uring (bench/FloorUring.java)",
                "seed_udp": "seed udp_epoll.py", "jar-feed": "epoll-servers, feed on, + tail"}


def summarize_tcp(args):
    rows = read_rows(args.rows)
    servers = list(dict.fromkeys(r["server"] for r in rows))
    summary = {}
    for s in servers:
        mine = [r for r in rows if r["server"] == s]
        summary[s] = {
            "rounds": len(mine),
            "conn_per_s": median([r["rps"] for r in mine]),
            "p50_ms": median([r["p50_ms"] for r in mine]),
            "p99_ms": median([r["p99_ms"] for r in mine]),
            "errors": whole(median([r["errors"] for r in mine])),
            "cpu_us_per_conn": median([r["cpu_us_per_conn"] for r in mine]),
            "cpu_util": median([r["cpu_util"] for r in mine]),
            "server_cpu_busy": median([r.get("server_cpu_busy") for r in mine]),
            "client_cpu_busy": median([r.get("client_cpu_busy") for r in mine]),
        }
    base = summary.get("nginx")
    for s, v in summary.items():
        v["cpu_per_conn_vs_nginx_per_round"] = per_round_ratio(rows, s, "cpu_us_per_conn")
        v["conn_per_s_vs_nginx_per_round"] = per_round_ratio(rows, s, "rps")
        v["conn_per_s_vs_nginx"] = (round(v["conn_per_s"] / base["conn_per_s"], 3)
                                   if base and base["conn_per_s"] and v["conn_per_s"] is not None else None)
        v["cpu_per_conn_vs_nginx"] = (round(v["cpu_us_per_conn"] / base["cpu_us_per_conn"], 3)
                                     if base and base["cpu_us_per_conn"] and v["cpu_us_per_conn"] is not None
                                     else None)
    params = json.loads(args.params) if args.params else {}
    keepalive = str(params.get("KEEPALIVE", 0)) == "1"
    unit = "req" if keepalive else "conn"
    best = "nginx-reuseport" if "nginx-reuseport" in summary else None
    for s, v in summary.items():
        v["cpu_per_conn_vs_nginx_reuseport_per_round"] = per_round_ratio(rows, s, "cpu_us_per_conn", best) if best else None
        v["conn_per_s_vs_nginx_reuseport_per_round"] = per_round_ratio(rows, s, "rps", best) if best else None
    head = ["server", f"{unit}/s", "p50 ms", "p99 ms", "errors", f"server CPU µs/{unit}", "server process CPU",
            "server core busy", "client core busy", f"{unit}/s ÷ nginx", f"CPU/{unit} ÷ nginx",
            f"{unit}/s ÷ nginx, same round", f"CPU/{unit} ÷ nginx, same round"]
    if best:
        head += [f"{unit}/s ÷ nginx reuseport, same round", f"CPU/{unit} ÷ nginx reuseport, same round"]
    body = table(head, [[SERVER_NAMES.get(s, s), v["conn_per_s"], fmt(v["p50_ms"], 3), fmt(v["p99_ms"], 3),
                         v["errors"], v["cpu_us_per_conn"], fmt(v["cpu_util"], 2), fmt(v["server_cpu_busy"], 2),
                         fmt(v["client_cpu_busy"], 2), fmt(v["conn_per_s_vs_nginx"], 2),
                         fmt(v["cpu_per_conn_vs_nginx"], 2), fmt(v["conn_per_s_vs_nginx_per_round"], 2),
                         fmt(v["cpu_per_conn_vs_nginx_per_round"], 2)]
                        + ([fmt(v["conn_per_s_vs_nginx_reuseport_per_round"], 2),
                            fmt(v["cpu_per_conn_vs_nginx_reuseport_per_round"], 2)] if best else [])
                        for s, v in summary.items()])
    limit = float(params.get("BUSY_LIMIT", 0.10))
    busy = [(r["round"], r["server"], r["server_core_busy_idle"]) for r in rows
            if (r.get("server_core_busy_idle") or 0) > limit]
    if busy:
        body += ("\n\n**Warning: the server's core was busy with something else** (sampled for 0.5 s while the server "
                 f"idled, just before the run; limit {limit:.0%}): "
                 + ", ".join(f"round {rd} {SERVER_NAMES.get(sv, sv)} {b:.0%}" for rd, sv, b in busy)
                 + ". Those figures cannot be trusted; run again on a quiet machine.")
    body += ("\n\nMedians over rounds. \"Same round\" = the median over rounds of the server's figure divided by "
             "nginx's in the same round (runs a few seconds apart), which a slow spell of the machine skews less "
             "than a ratio of medians. One request per connection (`Connection: close`), so conn/s = wrk's "
             "requests/s. Server CPU = utime+stime of the server process(es) over the wrk run, divided by the "
             "requests wrk completed; server process CPU 1.00 = one core's worth. Core busy = the whole "
             "CPU's busy share from /proc/stat (kernel and softirq work included); a client core near 1.00 "
             "means wrk, not the server, set the pace (any other process on those cores counts too). Errors = wrk socket errors + non-2xx/3xx responses.\n\nEvery round:\n\n")
    body += table(["round", "server", "conn/s", "p50 ms", "p99 ms", "errors", "CPU µs/conn"],
                  [[r["round"], SERVER_NAMES.get(r["server"], r["server"]), r["rps"], fmt(r["p50_ms"], 3),
                    fmt(r["p99_ms"], 3), r["errors"], r["cpu_us_per_conn"]] for r in rows])
    if keepalive:
        body = body.replace("One request per connection (`Connection: close`), so conn/s = wrk's requests/s.",
                            "Persistent connections (no `Connection: close`): CPU per request, not per connection.")
    tls = str(params.get("TLS", 0)) == "1"
    title = ("TCP: keep-alive, many requests per connection (wrk)" if keepalive
             else "TLS: one request per connection, so one full handshake each (wrk over https)" if tls
             else "TCP: one request per connection (wrk)")
    if tls:
        body += ("\n\nBoth servers use the same ECDSA P-256 certificate; nginx has session caches and tickets off, the jar "
                 "resumes no sessions either, so every connection is a full TLS handshake (conn/s = handshakes/s).\n")
    write_outputs(args, title, body, {"summary": summary, "rounds": rows})


def per_round_ratio(rows, server, key, reference="nginx"):
    """Median over rounds of server's figure ÷ the reference's figure in the same round; None without its rounds."""
    nginx = {r["round"]: r.get(key) for r in rows if r["server"] == reference}
    ratios = [r[key] / nginx[r["round"]] for r in rows
              if r["server"] == server and r.get(key) and nginx.get(r["round"])]
    return round(median(ratios), 3) if ratios else None


def summarize_udp(args):
    rows = read_rows(args.rows)
    head = ["server", "run", "target rate/s", "per message", "sent rate/s", "sent", "printed (distinct)", "printed %",
            "printed/s while sending", "lost", "jar received", "jar dropped", "jar: kernel drops", "kernel rcvbuf drops",
            "tail printed %", "feed dropped"]
    out = []
    for r in rows:
        r["printed_share"] = r["distinct"] / r["sent"] if r["sent"] else None
        r["printed_per_s"] = r["distinct"] / r["elapsed_s"] if r.get("elapsed_s") else None
        tail = 100.0 * r["tail_distinct"] / r["sent"] if r.get("tail_distinct") is not None and r["sent"] else None
        out.append([SERVER_NAMES.get(r["server"], r["server"]), r.get("case", "warm"),
                    "full speed" if not r["rate_target"] else int(r["rate_target"]), r.get("gso", 1),
                    r.get("rate_achieved"), r["sent"], r["distinct"],
                    fmt(100.0 * r["printed_share"], 2) if r["printed_share"] is not None else None,
                    fmt(r["printed_per_s"], 0), r["lost"],
                    r.get("jar_received"), r.get("jar_dropped"), r.get("jar_kernel_dropped"), r.get("rcvbuf_errors"),
                    fmt(tail, 2) if tail is not None else None, r.get("jar_feed_dropped")])
    body = table(head, out)
    ratios = udp_ratios(rows)
    if ratios:
        body += "\n\nThe jar against the seed at each rate (same sender, same run):\n\n"
        body += table(["target rate/s", "printed % ÷ seed's", "printed/s while sending ÷ seed's"],
                      [["full speed" if not rate else rate, fmt(v["share_vs_seed"], 2), fmt(v["per_s_vs_seed"], 2)]
                       for rate, v in ratios.items()])
    cold = [r for r in rows if r.get("case") == "cold"]
    if cold:
        body += (f"\n\nCold starts: {sum(1 for r in cold if r['lost'] == 0)} of {len(cold)} lossless "
                 f"(lost per run: {', '.join(str(r['lost']) for r in cold)}).")
    body += ("\n\nRun: warm = after WARMUP_COUNT warm-up datagrams at WARMUP_RATE/s; cold = a fresh jar, no warm-up, "
             "the datagrams sent as soon as it said where it listens. "
             "lost = sent − distinct sequence numbers printed; printed % = distinct ÷ sent; printed/s while "
             "sending = distinct ÷ the sender's elapsed time (the receiver's pace while it was offered datagrams). "
             "Per message = datagrams per sendmmsg message: at full speed the kernel cuts each message into that "
             "many ordinary datagrams (UDP_SEGMENT), so one core can offer more than either receiver takes. "
             "jar received/dropped come from its `udp stopped:` line (received less the warm-up lines it printed; "
             "dropped = lost on the way to stdout, warm-up included); jar: kernel drops = the kernel's count for the "
             "jar's own sockets, as the jar reports it; kernel rcvbuf drops = the system-wide `Udp RcvbufErrors` "
             "counter over the run. jar-feed = the jar clustered with udp.publish on and a tail node printing every "
             "datagram it is sent: tail printed % = distinct sequence numbers the tail printed ÷ sent; feed dropped = "
             "deliveries the node's feed dropped (its queue full, or the tail's window full).\n")
    write_outputs(args, "UDP: datagrams printed vs sent", body, {"runs": rows, "jar_vs_seed": ratios})


def udp_ratios(rows):
    """Per target rate, the jar's printed share and pace divided by the seed's (warm runs where both ran)."""
    ratios = {}
    warm = [r for r in rows if r.get("case", "warm") == "warm"]
    for rate in dict.fromkeys(int(r["rate_target"]) for r in warm):
        jar = [r for r in warm if r["server"] == "jar" and int(r["rate_target"]) == rate]
        seed = [r for r in warm if r["server"] == "seed_udp" and int(r["rate_target"]) == rate]
        if jar and seed and seed[-1]["printed_share"] and seed[-1]["printed_per_s"]:
            ratios[rate] = {
                "share_vs_seed": round(jar[-1]["printed_share"] / seed[-1]["printed_share"], 3),
                "per_s_vs_seed": round(jar[-1]["printed_per_s"] / seed[-1]["printed_per_s"], 3),
            }
    return ratios


def summarize_c10k(args):
    rows = read_rows(args.rows)
    head = ["server", "held", "accepted (fds)", "RSS before MiB", "RSS held MiB", "RSS per held conn (bytes)",
            "full responses", "failed", "open s", "finish s"]
    out = [[SERVER_NAMES.get(r["server"], r["server"]), r["opened"], r.get("accepted"),
            fmt(r["rss_before_kb"] / 1024, 1), fmt(r["rss_held_kb"] / 1024, 1), r["rss_per_conn_bytes"],
            r["complete_ok"], r["failed"], fmt(r["open_seconds"], 2), fmt(r["finish_seconds"], 2)]
           for r in rows]
    body = table(head, out)
    body += ("\n\nEach connection sends `GET / HTTP/1.0\\r\\nHost: x\\r\\n` and holds it open without the "
             "blank line. RSS = VmRSS of the server (nginx: master + worker), read before opening and while all "
             "connections are held; per held conn = (held − before) / connections. Then every request is "
             "finished and each response checked: status 200, `Content-Length: 1024`, 1024 × `H` (for the jar "
             "and the seed: the exact 1157 bytes of the seed's response).\n")
    write_outputs(args, "C10K: memory per held connection", body, {"runs": rows})


STARTUP_BASELINE = {"jar": "java-version", "jar-cds": "java-version", "image": "image-java-version"}
STARTUP_NAMES = {"java-version": "`java -version`", "jar": "jar, `java -jar`",
                 "jar-cds": "jar, with its CDS archive", "image-java-version": "image, `java -version`",
                 "image": "image, `run` to answer"}


def summarize_startup(args):
    rows = read_rows(args.rows)
    params = json.loads(args.params) if args.params else {}
    limit = float(params.get("BUSY_LIMIT", 0.15))
    timed = [r for r in rows if "ms" in r]
    busy_rounds = sorted({r["round"] for r in timed if (r.get("machine_busy") or 0) > limit})
    trusted = [r for r in timed if r["round"] not in busy_rounds] or timed
    summary = {}
    head = ["case", "first answer ms (median)", "min", "max", "÷ its `java -version` (same-round median)", "rounds"]
    out = []
    for case in STARTUP_NAMES:
        mine = [r["ms"] for r in trusted if r["case"] == case and r["ms"] is not None]
        if not mine:
            continue
        base = STARTUP_BASELINE.get(case)
        ratios = []
        if base:
            by_round = {r["round"]: r["ms"] for r in trusted if r["case"] == base and r["ms"]}
            ratios = [r["ms"] / by_round[r["round"]] for r in trusted
                      if r["case"] == case and r["ms"] is not None and r["round"] in by_round]
        summary[case] = {"ms": median(mine), "min": min(mine), "max": max(mine),
                         "ratio": round(median(ratios), 2) if ratios else None, "rounds": len(mine)}
        v = summary[case]
        out.append([STARTUP_NAMES[case], fmt(v["ms"], 0), fmt(v["min"], 0), fmt(v["max"], 0),
                    fmt(v["ratio"], 2) if v["ratio"] else "", v["rounds"]])
    body = table(head, out)
    rest = [r for r in rows if "rest_rss_kb" in r]
    if rest:
        body += "\n\n" + table(["at rest", "resident MiB", "threads"],
                                  [[STARTUP_NAMES.get(r["case"], r["case"]), fmt(r["rest_rss_kb"] / 1024, 1),
                                    r["rest_threads"]] for r in rest])
        for r in rest:
            summary.setdefault(r["case"], {}).update({"rest_rss_mib": round(r["rest_rss_kb"] / 1024, 1),
                                                      "rest_threads": r["rest_threads"]})
    body += ("\n\nFirst answer = from the fork of the command to the end of a complete answer to "
             "`GET / HTTP/1.0` on 127.0.0.1 (polled every millisecond by bench/first_answer.c). The ratio divides each "
             "round's time by the same round's `java -version` (for the image: `run --entrypoint java IMAGE -version`), "
             "then takes the median. At rest = VmRSS and thread count of the java process after "
             f"{params.get('REST', '?')} s without traffic, default configuration.\n")
    if busy_rounds:
        body += (f"\n**Warning:** the machine was busier than {limit:.0%} before round(s) "
                 f"{', '.join(map(str, busy_rounds))}; those rounds are left out of the medians"
                 + (" (all were busy: the figures above cannot be trusted)" if trusted is timed else "") + ".\n")
    write_outputs(args, "Start-up and footprint", body, {"runs": rows, "summary": summary, "busy_rounds": busy_rounds})


def headline(args):
    """The figures the targets name, one line each, from the results of the last runs."""
    def load(name):
        try:
            with open(f"{args.dir}/{name}.json") as f:
                return json.load(f)
        except OSError:
            return None
    lines = []
    tcp, ka, start, tls = load("tcp"), load("tcp-keepalive"), load("startup"), load("tcp-tls")
    # (results, what the row says, then the two ratios it shows: label and summary key of each)
    tcp_rows = ((tcp, "connection per request",
                 (("CPU per connection ÷ nginx `reuseport deferred`", "cpu_per_conn_vs_nginx_reuseport_per_round"),
                  ("CPU per connection ÷ nginx default listener", "cpu_per_conn_vs_nginx_per_round"))),
                (ka, "keep-alive",
                 (("requests/s ÷ nginx `keepalive_timeout 65`", "conn_per_s_vs_nginx_per_round"),
                  ("CPU per request ÷ nginx", "cpu_per_conn_vs_nginx_per_round"))))
    for data, kind, ratios in tcp_rows:
        for name, path in (("jar", ""), ("jar-uring", ", tcp.acceptor io_uring")):
            jar = data["summary"].get(name) if data else None
            for label, key in ratios if jar else ():
                lines.append((f"TCP, {kind}{path}: {label} (same round)", fmt(jar.get(key), 2)))
    if tls:
        jar = tls["summary"].get("jar", {})
        lines.append(("TLS: handshakes/s ÷ nginx, same certificate (same round)", fmt(jar.get("conn_per_s_vs_nginx_per_round"), 2)))
        lines.append(("TLS: CPU per handshake ÷ nginx (same round)", fmt(jar.get("cpu_per_conn_vs_nginx_per_round"), 2)))
    if start:
        s = start["summary"]
        for case, label in (("jar", "jar"), ("jar-cds", "jar with its CDS archive"), ("image", "image")):
            if s.get(case, {}).get("ratio"):
                lines.append((f"Start-up, {label}: first answer ÷ `java -version`", fmt(s[case]["ratio"], 2)))
        for case, label in (("jar", "jar"), ("image", "image")):
            if s.get(case, {}).get("rest_rss_mib"):
                lines.append((f"At rest, {label}: resident MiB / threads",
                              f"{s[case]['rest_rss_mib']} / {s[case]['rest_threads']}"))
    print("## Headline\n")
    print(table(["figure", "value"], [[k, v] for k, v in lines]))
    busy = []
    for name, data in (("tcp", tcp), ("tcp-keepalive", ka), ("tcp-tls", tls)):
        if data and any((r.get("server_core_busy_idle") or 0) > float(data["params"].get("BUSY_LIMIT", 0.10))
                        for r in data.get("rounds", [])):
            busy.append(name)
    if start and start.get("busy_rounds"):
        busy.append("startup")
    if busy:
        print(f"\n**Warning:** some rounds of {', '.join(busy)} ran while something else kept the machine busy; "
              "see those tables.")


def tcp_dat(args):
    with open(args.file) as f:
        data = json.load(f)
    print("# server conn_per_s cpu_us_per_conn")
    for s, v in data["summary"].items():
        label = SERVER_NAMES.get(s, s).replace('"', "'")
        print(f'"{label}" {v["conn_per_s"] or 0} {v["cpu_us_per_conn"] or 0}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wrk-row")
    w.add_argument("--server", required=True)
    w.add_argument("--round", type=int, required=True)
    w.add_argument("--wrk", required=True)
    w.add_argument("--ticks-before", type=int, required=True)
    w.add_argument("--ticks-after", type=int, required=True)
    w.add_argument("--clk-tck", type=int, required=True)
    w.add_argument("--procstat-before")
    w.add_argument("--procstat-after")
    w.add_argument("--server-cpu", type=int, default=0)
    w.add_argument("--client-cpu", type=int, default=1)
    w.add_argument("--idle-busy", type=float)
    w.set_defaults(fn=wrk_row)
    for name, fn in (("tcp", summarize_tcp), ("udp", summarize_udp), ("c10k", summarize_c10k),
                     ("startup", summarize_startup)):
        p = sub.add_parser(name)
        p.add_argument("rows")
        p.add_argument("--params")
        p.add_argument("--md")
        p.add_argument("--json")
        p.set_defaults(fn=fn)
    h = sub.add_parser("headline")
    h.add_argument("dir")
    h.set_defaults(fn=headline)
    d = sub.add_parser("tcp-dat")
    d.add_argument("file")
    d.set_defaults(fn=tcp_dat)
    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()

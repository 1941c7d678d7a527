#!/usr/bin/env python3
"""Turns the raw lines of one bench/run.sh run into the table the README shows.

usage: summary.py RESULTS_FILE
Ratios are maillab / peer from the same run (for latency and memory, lower is better). The DNS table puts maillab
beside each authoritative peer (BIND, NSD, Knot DNS) that ran: queries per second, and each server's CPU per query
from the sampler's cpu lines (CPU-seconds over the run's queries: the dnsperf run and the fixed-rate one).
"""
import re
import sys


def fields(line):
    return dict(re.findall(r"([\w-]+)=([^\s]+)", line))


def main(path):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    runs = {}       # (kind, who) -> fields
    mem = {}        # (phase, label) -> rss_kib
    cpu = {}        # (phase, label) -> cpu_s
    up = {}
    header = ""
    for line in lines:
        if line.startswith("# maillab bench"):
            header = line[2:]
        m = re.match(r"^(smtp|pop3|pop3crypt|dns)\[([\w-]+)\]: (.*)", line)
        if m and "error sample" not in line:
            runs[(m.group(1), m.group(2))] = fields(m.group(3))
        m = re.match(r"^mem\[([\w-]+)\]: (.*)", line)
        if m:
            f = fields(m.group(2))
            if "rss_kib" in f:
                mem[(m.group(1), f["label"])] = int(f["rss_kib"])
        m = re.match(r"^cpu\[([\w-]+)\]: (.*)", line)
        if m:
            f = fields(m.group(2))
            if "cpu_s" in f:
                cpu[(m.group(1), f["label"])] = float(f["cpu_s"])
        if line.startswith("up_ms:"):
            up = fields(line)

    def val(kind, who, key):
        try:
            return float(runs[(kind, who)][key])
        except (KeyError, ValueError):
            return None

    rows = []

    def per_unit(name, kind, count_key, labels):
        """CPU-seconds of the server's tree (maillab's labels, the peer's) over the run's count, in ms."""
        cells = []
        for who, who_labels in zip(("maillab", "peer"), labels):
            used = [cpu.get((kind + "-" + who, label)) for label in who_labels]
            n = val(kind, who, count_key)
            cells.append(1000 * sum(used) / n if n and all(u is not None for u in used) else None)
        a, b = cells
        rows.append((name, "{:.2f}".format(a) if a is not None else "n/a",
                     "{:.2f}".format(b) if b is not None else "n/a",
                     "{:.2f}×".format(a / b) if a is not None and b else "", ""))

    def row(name, kind, key, goal="", fmt="{:.0f}", peer="peer"):
        a, b = val(kind, "maillab", key), val(kind, peer, key)
        ratio = ""
        if a is not None and b:
            ratio = "{:.2f}×".format(a / b)
        rows.append((name, fmt.format(a) if a is not None else "n/a",
                     fmt.format(b) if b is not None else "n/a", ratio, goal))

    row("SMTP accepted msg/s (4 KiB, 8 sessions, 1 conn/msg)", "smtp", "accept_mps")
    row("SMTP delivered msg/s, fsync kept", "smtp", "deliver_mps", "≥ 3× Postfix")
    per_unit("SMTP server CPU ms per message", "smtp", "N", (("smtp",), ("postfix",)))
    row("POP3 sessions/s (RETR all of 200 msgs, 8 clients)", "pop3", "sessions_per_s", "≥ 1.5× Dovecot", "{:.1f}")
    row("POP3 MB/s", "pop3", "MB_per_s", "", "{:.1f}")
    per_unit("POP3 server CPU ms per session", "pop3", "sessions", (("smtp",), ("dovecot",)))
    row("POP3 sessions/s, user {SHA512-CRYPT} on both sides", "pop3crypt", "sessions_per_s", "≥ 1.5× Dovecot",
        "{:.1f}")
    per_unit("POP3 server CPU ms per session, {SHA512-CRYPT}", "pop3crypt", "sessions", (("smtp",), ("dovecot",)))
    # BIND was the one DNS peer before NSD and Knot joined: an older run names it "peer"
    bind = "bind" if ("dns", "bind") in runs else "peer"
    row("DNS queries/s (dnsperf, UDP), vs BIND", "dns", "qps", "ahead of BIND, NSD, Knot", peer=bind)

    def mib(kib):
        return "{:.0f} MiB".format(kib / 1024) if kib is not None else "n/a"

    for label, peer in (("dns", "named"), ("smtp", None), ("smtp-test", None), ("app", None), ("console", None)):
        idle = mem.get(("idle", label))
        if label == "smtp":
            p = [mem.get(("idle", "postfix")), mem.get(("idle", "dovecot"))]
            pk = sum(x for x in p if x) if any(p) else None
        else:
            pk = mem.get(("idle", peer)) if peer else None
        name = {"console": "web-console", "smtp-test": "smtp-server-test (example.test)"}.get(label, label + "-server")
        if idle is None and label in ("console", "smtp-test"):
            continue
        rows.append(("RSS idle, %s" % name, mib(idle), mib(pk) if pk else "—",
                     "", "≤ 128 MiB"))
    for label, phase in (("smtp", "smtp-maillab"), ("smtp", "pop3-maillab"), ("dns", "dns-maillab")):
        rows.append(("RSS peak under %s load, %s-server" % (phase.split("-")[0].upper(), label),
                     mib(mem.get((phase, label))), mib(
                         (mem.get((phase.replace("maillab", "peer"), "postfix")) or 0)
                         + (mem.get((phase.replace("maillab", "peer"), "dovecot")) or 0)
                         if label == "smtp" else mem.get((phase.replace("maillab", "peer"), "named"))),
                     "", ""))
    for svc in ("dns-server", "smtp-server", "smtp-server-test", "app-server", "web-console"):
        if svc in up:
            rows.append(("start → healthy, %s" % svc, "{:.2f} s".format(int(up[svc]) / 1000), "—", "", "≤ 2 s"))

    print("maillab vs peer (Postfix / Dovecot / BIND on 127.0.0.2), one run: " + header)
    print()
    print("| metric | maillab | peer | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    dns_table(runs, cpu, val, bind)


# the sampler's label for each DNS server's process tree, per bench/run.sh's phase names
DNS_SERVERS = (("maillab", "maillab", "dns"), ("BIND", None, "named"), ("NSD", "nsd", "nsd"),
               ("Knot", "knot", "knot"))


def dns_table(runs, cpu, val, bind):
    # a server that answered nothing did not start (peer-up.sh's log says why): no column
    servers = [(title, who or bind, label) for title, who, label in DNS_SERVERS
               if ("dns", who or bind) in runs and (val("dns", who or bind, "completed") or 0) > 0]
    if len(servers) < 2:
        return

    def queries(who):
        done, lat = val("dns", who, "completed"), val("dns", who, "lat_n") or 0
        return done + lat if done is not None else None

    def cpu_ms_per_1000(who, label):
        used, n = cpu.get(("dns-" + who, label)), queries(who)
        return 1000 * 1000 * used / n if used is not None and n else None

    metrics = (
        ("queries/s (dnsperf, UDP, closed loop)", lambda w, l: val("dns", w, "qps"), "{:.0f}", False),
        ("server CPU ms per 1000 queries", cpu_ms_per_1000, "{:.2f}", True),
        ("queries per server CPU-second", lambda w, l: (1000 * 1000 / cpu_ms_per_1000(w, l))
            if cpu_ms_per_1000(w, l) else None, "{:.0f}", False),
        ("lost queries", lambda w, l: val("dns", w, "lost"), "{:.0f}", True),
        ("p50 ms (fixed rate)", lambda w, l: val("dns", w, "p50_ms"), "{:.3f}", True),
        ("p99 ms (fixed rate)", lambda w, l: val("dns", w, "p99_ms"), "{:.3f}", True),
    )
    print()
    print("DNS: the same zone files and query mix, one server at a time (ratio: maillab / the best peer)")
    print()
    print("| metric | " + " | ".join(t for t, _, _ in servers) + " | ratio to best peer |")
    print("|---|" + "---:|" * len(servers) + "---:|")
    for name, get, fmt, lower in metrics:
        vals = [get(who, label) for _, who, label in servers]
        cells = [fmt.format(v) if v is not None else "n/a" for v in vals]
        peers = [v for v in vals[1:] if v is not None]
        ratio = ""
        if vals[0] is not None and peers and name != "lost queries":
            best = min(peers) if lower else max(peers)
            ratio = "{:.2f}×".format(vals[0] / best) if best else ""
        print("| " + name + " | " + " | ".join(cells) + " | " + ratio + " |")


if __name__ == "__main__":
    main(sys.argv[1])

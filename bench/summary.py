#!/usr/bin/env python3
"""Turns the raw lines of one bench/run.sh run into the table the README shows.

usage: summary.py RESULTS_FILE
Ratios are maillab / peer from the same run (for latency and memory, lower is better).
"""
import re
import sys


def fields(line):
    return dict(re.findall(r"([\w-]+)=([^\s]+)", line))


def main(path):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    runs = {}       # (kind, who) -> fields
    mem = {}        # (phase, label) -> rss_kib
    up = {}
    header = ""
    for line in lines:
        if line.startswith("# maillab bench"):
            header = line[2:]
        m = re.match(r"^(smtp|pop3|dns)\[(maillab|peer)\]: (.*)", line)
        if m and "error sample" not in line:
            runs[(m.group(1), m.group(2))] = fields(m.group(3))
        m = re.match(r"^mem\[([\w-]+)\]: (.*)", line)
        if m:
            f = fields(m.group(2))
            if "rss_kib" in f:
                mem[(m.group(1), f["label"])] = int(f["rss_kib"])
        if line.startswith("up_ms:"):
            up = fields(line)

    def val(kind, who, key):
        try:
            return float(runs[(kind, who)][key])
        except (KeyError, ValueError):
            return None

    rows = []

    def row(name, kind, key, goal="", fmt="{:.0f}", lower_better=False):
        a, b = val(kind, "maillab", key), val(kind, "peer", key)
        ratio = ""
        if a is not None and b:
            ratio = "{:.2f}×".format(a / b)
        rows.append((name, fmt.format(a) if a is not None else "n/a",
                     fmt.format(b) if b is not None else "n/a", ratio, goal))

    row("SMTP accepted msg/s (4 KiB, 8 sessions, 1 conn/msg)", "smtp", "accept_mps")
    row("SMTP delivered msg/s, fsync kept", "smtp", "deliver_mps", "≥ 3× Postfix")
    row("POP3 sessions/s (RETR all of 200 msgs, 8 clients)", "pop3", "sessions_per_s", "≥ 1.5× Dovecot", "{:.1f}")
    row("POP3 MB/s", "pop3", "MB_per_s", "", "{:.1f}")
    row("DNS queries/s (dnsperf, UDP)", "dns", "qps", "≥ 1.5× BIND")
    row("DNS lost queries", "dns", "lost", "0")
    row("DNS p50 ms (fixed rate)", "dns", "p50_ms", "", "{:.3f}")
    row("DNS p99 ms (fixed rate)", "dns", "p99_ms", "≤ BIND", "{:.3f}")

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


if __name__ == "__main__":
    main(sys.argv[1])

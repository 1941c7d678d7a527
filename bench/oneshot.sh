#!/usr/bin/env bash
# bench/oneshot.sh [N]: wall and CPU time of the one-shot commands, median of N runs (default 7), beside Python's
# smtplib and poplib doing the same against the same stack. Needs `./maillab up` (the ports and MAILLAB_HOME of the
# environment are used). The first run of each command after a build records its class data archive and is not
# counted (one unmeasured run each).
# No `set -e`: /usr/bin/time reports a command's failure as its own status, and a failed run is timed like the others.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-7}
SMTP_PORT=${MAILLAB_SMTP_PORT:-2525} POP3_PORT=${MAILLAB_POP3_PORT:-1110}
"$ROOT/maillab" status >/dev/null || { echo "bench/oneshot.sh: the stack is not up (./maillab up)" >&2; exit 1; }
if ! command -v python3 >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "bench/oneshot.sh: needs python3 and GNU time" >&2; exit 1
fi

# measure LABEL CMD...: N runs; one "label wall cpu" line per run on stdout (seconds; CPU = user + sys of the tree)
measure() {
  local label=$1 out
  shift
  out=$(mktemp)
  for _ in $(seq 1 "$N"); do
    /usr/bin/time -o "$out" -f '%e %U %S' "$@" >/dev/null 2>&1
    echo "$label $(tail -1 "$out")"
  done
  rm -f "$out"
}

SEND=("$ROOT/maillab" send --to test@example.local --subject "oneshot bench" --body hello)
CHECK=("$ROOT/maillab" check --newest 1 --expect-count 1)
PY_SEND=(python3 -c "import smtplib; s=smtplib.SMTP('127.0.0.1',$SMTP_PORT); s.sendmail('app@example.local',['test@example.local'],'From: app@example.local\r\nTo: test@example.local\r\nSubject: oneshot bench\r\n\r\nhello\r\n'); s.quit()")
PY_CHECK=(python3 -c "import poplib; p=poplib.POP3('127.0.0.1',$POP3_PORT); p.user('test'); p.pass_('password'); n=p.stat()[0]; p.retr(n); p.quit()")

"${SEND[@]}" >/dev/null 2>&1; "${CHECK[@]}" >/dev/null 2>&1   # archives recorded, JIT-free warm file cache
{
  measure "./maillab-send" "${SEND[@]}"
  measure "python3-smtplib" "${PY_SEND[@]}"
  measure "./maillab-check" "${CHECK[@]}"
  measure "python3-poplib" "${PY_CHECK[@]}"
} | python3 -c '
import sys, statistics
runs = {}
for line in sys.stdin:
    label, wall, user, system = line.split()
    runs.setdefault(label, []).append((float(wall), float(user) + float(system)))
print("%-18s %8s %8s   (median of %d runs)" % ("command", "wall s", "CPU s", len(next(iter(runs.values())))))
for label, r in runs.items():
    print(f"{label:<18} {statistics.median(w for w, _ in r):>8.2f} {statistics.median(c for _, c in r):>8.2f}")
'
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores (wall time grows with it; CPU time much less)"

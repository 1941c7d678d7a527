#!/usr/bin/env bash
# config/loopback-zones.sh ZONES TARGET [DNS_PORT] — the zones as one machine serves them: every file of ZONES copied
# into TARGET with the A records of 172.19.0.x (the compose addresses) pointed at 127.0.0.1 (172.19.0.13, the second
# domain's mail server, at 127.0.0.3), so the same names (mail.example.local, mail.example.test, ...) lead to the
# services on loopback and nothing goes to 172.19.0.x; with DNS_PORT also
# named.conf's `listen-on port 53` set to it (dns-server warns when the two differ). Comments, PTR records and every
# other line stay byte for byte. The one copy of this rule: whatever serves the zones on loopback (./maillab through
# config/services.sh, bench/run.sh, test servers) runs this script instead of repeating it.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; fi
zones=$1 target=$2 port=${3:-}
[[ $port =~ ^[0-9]*$ ]] || { echo "loopback-zones: DNS_PORT must be a number, not '$port'" >&2; exit 2; }

mkdir -p "$target"
listen=()
[ -n "$port" ] && listen=(-e "s/listen-on port 53 /listen-on port $port /")
for f in "$zones"/*; do
  [ -f "$f" ] || continue
  sed -E -e 's/^([^;]*[[:space:]]IN[[:space:]]+A[[:space:]]+)172\.19\.0\.13([[:space:]]|$)/\1127.0.0.3\2/' \
    -e 's/^([^;]*[[:space:]]IN[[:space:]]+A[[:space:]]+)172\.19\.0\.[0-9]+/\1127.0.0.1/' "${listen[@]}" "$f" \
    >"$target/$(basename "$f")"
done

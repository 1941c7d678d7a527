#!/usr/bin/env bash
# bench/run.sh [OUTFILE] — maillab beside Postfix, Dovecot, BIND, NSD and Knot DNS: same machine, same run, one table.
#
# Starts maillab's services (dns-server, smtp-server and the second domain's smtp-server-test, app-server, web-console) from their exec jars on the bench
# ports of the service table (config/services.sh: loopback, away from the launcher's), starts the peer stack (Postfix, Dovecot, BIND
# from Debian's packages on 127.0.0.2, NSD on 127.0.0.4, Knot DNS on 127.0.0.5, via bench/peer/peer-up.sh) where it can,
# runs the same loads against both
# (bench/load/: SMTP, POP3, DNS) with a memory/CPU sampler, and prints a table with the ratios.
# Raw lines go to OUTFILE (default bench/results/bench-<timestamp>.txt).
#
# env: SMTP_N=5000 SMTP_WARM=2000 SMTP_C=8 SMTP_SIZE=4096  POP_MSGS=200 POP_C=8 POP_SECS=20  DNS_SECS=20
#      POP_PROCS=2 POP_USER=test POP_HASHED_USER=alice  PEER=1 (0: maillab only)  BENCH_HOME=/tmp/maillab-bench  JAVA_OPTS (appended to <module>/jvm.options, as in the launcher)
#      SKIP_BUILD=0  EVENTS=on (off: the services record no events for the console, maillab.events.enabled=false;
#      run both to see what the journals cost)  SENDER_AUTH=off (on: smtp-server checks SPF, DKIM and DMARC of each
#      delivered message, which the Postfix peer does not)
# No `set -e`: a load that fails, or a peer that does not start, is reported in the table and the run goes on.
set -uo pipefail
B="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$B/.." && pwd)"
L="$B/load"
mkdir -p "$B/results"
OUT=${1:-$B/results/bench-$(date +%Y%m%d-%H%M%S).txt}
SMTP_N=${SMTP_N:-5000} SMTP_C=${SMTP_C:-8} SMTP_SIZE=${SMTP_SIZE:-4096}
POP_MSGS=${POP_MSGS:-200} POP_C=${POP_C:-8} POP_SECS=${POP_SECS:-20}
DNS_SECS=${DNS_SECS:-20} PEER=${PEER:-1} EVENTS=${EVENTS:-on}
case $EVENTS in on) BENCH_ARGS=() ;; off) BENCH_ARGS=(--maillab.events.enabled=false) ;; *) echo "bench: EVENTS=on or off" >&2; exit 2 ;; esac
# The Postfix peer checks no SPF, DKIM or DMARC: by default neither does maillab here (SENDER_AUTH=on: it does)
SENDER_AUTH=${SENDER_AUTH:-off}
case $SENDER_AUTH in on) ;; off) BENCH_ARGS+=(--maillab.smtp.sender-auth.check-inbound=false) ;; *) echo "bench: SENDER_AUTH=on or off" >&2; exit 2 ;; esac
WORK=${BENCH_HOME:-/tmp/maillab-bench}
# shellcheck source=config/services.sh
. "$ROOT/config/services.sh"
# shellcheck source=config/java-opts.sh
. "$ROOT/config/java-opts.sh"
# shellcheck source=config/cds.sh
. "$ROOT/config/cds.sh"
# maillab's bench ports, beside the launcher's so both can run at once
services_use bench
M_HOST=$MAILLAB_HOST M_DNS=${PORT[dns]} M_SMTP=${PORT[smtp]} M_POP=${PORT[pop3]}
P_HOST=127.0.0.2
# the other authoritative DNS servers of the peer, each on its own address, port 53 (bench/peer/peer-up.sh)
DNS_PEERS=(bind=127.0.0.2 nsd=127.0.0.4 knot=127.0.0.5)

exec > >(tee -a "$OUT") 2>&1
echo "# maillab bench $(date -Is) host=$(hostname) cores=$(nproc) kernel=$(uname -r) events=$EVENTS sender_auth=$SENDER_AUTH"
echo "# java: $(java -version 2>&1 | head -1)"
# the modules of the long-running services (smtp-server runs twice, once per lab domain, from one jar)
SERVICE_MODULES=()
for s in "${MAILLAB_SERVICES[@]}"; do
    m=$(service_module "$s")
    case " ${SERVICE_MODULES[*]-} " in *" $m "*) ;; *) SERVICE_MODULES+=("$m") ;; esac
done
for m in "${SERVICE_MODULES[@]}"; do echo "# jvm options $m: $(java_opts "$m")"; done

die() { echo "bench: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 not found ($2)"; }

# ------------------------------------------------------------------ tools
if ! command -v dnsperf >/dev/null || ! command -v swaks >/dev/null; then
    echo "# installing dnsperf (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dnsperf swaks curl >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q dnsperf swaks curl >/dev/null; }
fi
need dnsperf "apt-get install dnsperf"; need python3 "Debian python3"; need curl "apt-get install curl"

# ------------------------------------------------------------------ build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    for m in "${SERVICE_MODULES[@]}"; do
        [ -f "$(service_jar "$m")" ] && continue
        echo "# building the service jars (./mvnw package -DskipTests)"
        (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "build failed"
        break
    done
fi

# ------------------------------------------------------------------ maillab
PIDS=()
declare -A PID_OF=() UP_MS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    local p i
    for p in "${PIDS[@]}"; do
        for i in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
}
trap cleanup EXIT

rm -rf "$WORK"; mkdir -p "$WORK/mail" "$WORK/logs"
now_ms() { date +%s%3N; }
# start NAME: starts the jar with the service table's arguments (data in $WORK), waits until /actuator/health says UP,
# records the ms to healthy
start() {
    local name=$1 port host module
    port=$(service_health_port "$name") host=$(service_host "$name") module=$(service_module "$name")
    local t0; t0=$(now_ms)
    # Started from a subshell that exits at once, so the JVM is not in this script's process tree: the sampler
    # counts that tree as "client" (the load generators), and the services must not be counted in it twice.
    # shellcheck disable=SC2046
    ( java $(java_opts "$module") $(cds_java_args "$module") $(service_args "$name" "$WORK") ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"} \
        > "$WORK/logs/$name.log" 2>&1 </dev/null & echo $! > "$WORK/$name.pid" )
    local pid; pid=$(cat "$WORK/$name.pid")
    PIDS+=("$pid")
    PID_OF[$name]=$pid
    for _ in $(seq 1 600); do
        if [[ $(curl -fs "http://$host:$port/actuator/health" 2>/dev/null) == *'"UP"'* ]]; then
            UP_MS[$name]=$(( $(now_ms) - t0 ))
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || die "$name exited; see $WORK/logs/$name.log"
        sleep 0.02
    done
    die "$name not healthy after 12 s; see $WORK/logs/$name.log"
}

# the class data archives, as ./maillab uses them (config/cds.sh): made once per build, before any clock runs
for m in "${SERVICE_MODULES[@]}"; do cds_prepare "$m" "$(command -v java)" || echo "# $m starts without CDS"; done
echo "# --- starting maillab on $M_HOST (dns $M_DNS, smtp $M_SMTP, pop3 $M_POP)"
# Both DNS servers serve the same zone files, the peer's (bench/peer/bind/), so dnsperf's query mix gets the same
# answers from each (with the lab's own zones a third of the mix is NXDOMAIN here and a fifth at BIND). Users, aliases
# and the mail root are the launcher's (service_home), the named.conf then replaced by one of those zones.
service_home "$WORK" || die "cannot prepare $WORK"
cat > "$WORK/zones/named.conf" <<CONF
options { directory "$B/peer/bind"; recursion no; };
zone "example.local" { type primary; file "db.example.local"; };
zone "19.172.in-addr.arpa" { type primary; file "db.172.19"; };
CONF
for m in "${MAILLAB_SERVICES[@]}"; do start "$m"; done
echo "up_ms: dns-server=${UP_MS[dns-server]} smtp-server=${UP_MS[smtp-server]} smtp-server-test=${UP_MS[smtp-server-test]} app-server=${UP_MS[app-server]} web-console=${UP_MS[web-console]}"
M_MEM="dns=${PID_OF[dns-server]} smtp=${PID_OF[smtp-server]} smtp-test=${PID_OF[smtp-server-test]} app=${PID_OF[app-server]} console=${PID_OF[web-console]}"

# ------------------------------------------------------------------ peer
P_MEM=""
if [ "$PEER" = 1 ]; then
    echo "# --- starting the peer (Postfix, Dovecot, BIND on $P_HOST)"
    if bash "$B/peer/peer-down.sh" >/dev/null 2>&1 && bash "$B/peer/peer-up.sh" > "$WORK/logs/peer-up.log" 2>&1; then
        P_MEM="postfix=@/var/spool/postfix/pid/master.pid dovecot=@/run/dovecot/master.pid named=@/run/named/named.pid"
        P_MEM+=" nsd=@/run/nsd-peer/nsd.pid knot=@/run/knot-peer/knot.pid"
    else
        echo "# peer could not start (see $WORK/logs/peer-up.log): maillab only"; PEER=0
    fi
fi

cpu_idle_pct() {
    local a b tot=0 i
    read -ra a </proc/stat; sleep "$1"; read -ra b </proc/stat
    for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
    echo $(( 100 * ((b[4] - a[4]) + (b[5] - a[5])) / (tot > 0 ? tot : 1) ))
}
wait_quiet() { # up to 60 s for >= 80 % idle, so one load does not run into the last one's tail
    local t0=$SECONDS idle
    while :; do idle=$(cpu_idle_pct 2); [ "$idle" -ge 80 ] || [ $((SECONDS - t0)) -ge 60 ] && break; done
}
with_mem() { # LABEL MEMSPEC cmd... — runs cmd with the sampler over MEMSPEC's process trees
    local label=$1 spec=$2; shift 2
    # shellcheck disable=SC2086
    python3 "$L/memsample.py" --interval 0.2 --max-seconds 900 --cpu client=$$ $spec > "$WORK/mem.$label" 2>&1 &
    local mp=$!
    sleep 0.5; "$@"; local rc=$?; sleep 0.3
    kill -TERM "$mp"; wait "$mp" 2>/dev/null
    sed -e "s/^mem: /mem[$label]: /" -e "s/^cpu: /cpu[$label]: /" "$WORK/mem.$label" | grep -E 'when=peak|^cpu'
    return $rc
}
m_maildir() { echo "$WORK/mail/$1/Maildir"; }
p_maildir() { echo "/var/mail/$1/Maildir"; }
# A used Maildir is moved aside, not deleted, until every load has run: on ext4 without a journal (as on these VMs)
# each new inode is checked against recently deleted ones (ext4's recently_deleted(), up to 300 s), so an rm -rf of
# thousands of messages right before a load made that load spend half its server CPU in the inode allocator.
TRASH_M=$WORK/trash TRASH_P=/var/mail/.bench-trash
discard() { mkdir -p "$2" && [ -d "$1" ] && mv "$1" "$2/$(basename "$1").$RANDOM$RANDOM"; return 0; }
reset_m() { local m; m=$(m_maildir "$1"); discard "$m" "$TRASH_M"; mkdir -p "$m/new" "$m/cur" "$m/tmp"; }
reset_p() { local m; m=$(p_maildir "$1"); discard "$m" "$TRASH_P"; mkdir -p "$m/new" "$m/cur" "$m/tmp"; chown -R "$1:$1" "$m"; }

# idle = settled: past start-up and the JVMs' first native-heap trim (-XX:TrimNativeHeapInterval=3000 in jvm.options)
sleep 6
echo "# --- idle memory"
# shellcheck disable=SC2086
python3 "$L/memsample.py" --once $M_MEM $P_MEM | sed 's/^mem: /mem[idle]: /'

# POP3 reads the mailbox of a user stored {PLAIN} on both sides (the peer's passwd-file has only PLAIN entries), so
# both servers do the same work per login; with a crypt scheme each login adds one hash (README: limits).
POP_USER=${POP_USER:-test}
# The Python client in two processes: one asyncio process was the bottleneck (~1 core) before either server was.
export PROCS=${POP_PROCS:-2}
echo "# --- prefill $POP_USER with $POP_MSGS x $SMTP_SIZE B"
reset_m "$POP_USER"
"$L/smtp-load.sh" "$M_HOST" "$M_SMTP" "$POP_MSGS" 4 "$SMTP_SIZE" "$POP_USER@example.local" "$(m_maildir "$POP_USER")/new" | tail -1 | sed 's/^/maillab /'
if [ "$PEER" = 1 ]; then
    reset_p "$POP_USER"
    "$L/smtp-load.sh" "$P_HOST" 25 "$POP_MSGS" 4 "$SMTP_SIZE" "$POP_USER@example.local" "$(p_maildir "$POP_USER")/new" | tail -1 | sed 's/^/peer /'
fi

# Warm-up, unmeasured, for both: JIT-compiled code and a Maildir whose directory blocks exist, as on a server that
# has been running (the first thousand messages into a new Maildir went ~40 % slower on this VM).
SMTP_WARM=${SMTP_WARM:-2000}
echo "# --- SMTP warm-up: $SMTP_WARM messages to alice, not measured"
reset_m alice
"$L/smtp-load.sh" "$M_HOST" "$M_SMTP" "$SMTP_WARM" "$SMTP_C" "$SMTP_SIZE" alice@example.local "$(m_maildir alice)/new" | tail -1 | sed 's/^/maillab warm-up /'
if [ "$PEER" = 1 ]; then
    reset_p alice
    "$L/smtp-load.sh" "$P_HOST" 25 "$SMTP_WARM" "$SMTP_C" "$SMTP_SIZE" alice@example.local "$(p_maildir alice)/new" | tail -1 | sed 's/^/peer warm-up /'
fi

echo "# --- SMTP: $SMTP_N messages of $SMTP_SIZE B over $SMTP_C sessions, one connection per message"
wait_quiet
with_mem smtp-maillab "$M_MEM" "$L/smtp-load.sh" "$M_HOST" "$M_SMTP" "$SMTP_N" "$SMTP_C" "$SMTP_SIZE" alice@example.local "$(m_maildir alice)/new" | sed 's/^smtp:/smtp[maillab]:/'
if [ "$PEER" = 1 ]; then
    wait_quiet
    with_mem smtp-peer "$P_MEM" "$L/smtp-load.sh" "$P_HOST" 25 "$SMTP_N" "$SMTP_C" "$SMTP_SIZE" alice@example.local "$(p_maildir alice)/new" | sed 's/^smtp:/smtp[peer]:/'
fi

echo "# --- POP3: $POP_C sessions looping USER/PASS/STAT/LIST/RETR all/QUIT over $POP_MSGS messages, $POP_SECS s"
wait_quiet
with_mem pop3-maillab "$M_MEM" "$L/pop3-load.sh" "$M_HOST" "$M_POP" "$POP_USER" password "$POP_C" "$POP_SECS" | sed 's/^pop3:/pop3[maillab]:/'
if [ "$PEER" = 1 ]; then
    wait_quiet
    with_mem pop3-peer "$P_MEM" "$L/pop3-load.sh" "$P_HOST" 110 "$POP_USER" password "$POP_C" "$POP_SECS" | sed 's/^pop3:/pop3[peer]:/'
fi

# A user whose password is stored {SHA512-CRYPT} on both sides (what `doveadm pw` writes by default): each login
# costs a hash, as on a real server.
POP_HASHED_USER=${POP_HASHED_USER:-alice}
echo "# --- POP3 with a hashed password: $POP_HASHED_USER, $POP_MSGS x $SMTP_SIZE B, the same loop, $POP_SECS s"
reset_m "$POP_HASHED_USER"
"$L/smtp-load.sh" "$M_HOST" "$M_SMTP" "$POP_MSGS" 4 "$SMTP_SIZE" "$POP_HASHED_USER@example.local" "$(m_maildir "$POP_HASHED_USER")/new" | tail -1 | sed 's/^/maillab /'
if [ "$PEER" = 1 ]; then
    reset_p "$POP_HASHED_USER"
    "$L/smtp-load.sh" "$P_HOST" 25 "$POP_MSGS" 4 "$SMTP_SIZE" "$POP_HASHED_USER@example.local" "$(p_maildir "$POP_HASHED_USER")/new" | tail -1 | sed 's/^/peer /'
fi
wait_quiet
with_mem pop3crypt-maillab "$M_MEM" "$L/pop3-load.sh" "$M_HOST" "$M_POP" "$POP_HASHED_USER" password "$POP_C" "$POP_SECS" | sed 's/^pop3:/pop3crypt[maillab]:/'
if [ "$PEER" = 1 ]; then
    wait_quiet
    with_mem pop3crypt-peer "$P_MEM" "$L/pop3-load.sh" "$P_HOST" 110 "$POP_HASHED_USER" password "$POP_C" "$POP_SECS" | sed 's/^pop3:/pop3crypt[peer]:/'
fi

# The same zone files, the same query mix, one server at a time; the sampler's cpu lines give each server's
# CPU-seconds, so CPU per query compares even where the one dnsperf process is what bounds queries per second.
echo "# --- DNS: dnsperf $DNS_SECS s, then a fixed-rate run for p50/p99"
wait_quiet
with_mem dns-maillab "$M_MEM" "$L/dns-load.sh" "$M_HOST" "$M_DNS" "$DNS_SECS" | grep -E '^(dns|mem|cpu)' | sed 's/^dns:/dns[maillab]:/'
if [ "$PEER" = 1 ]; then
    for p in "${DNS_PEERS[@]}"; do
        wait_quiet
        with_mem "dns-${p%%=*}" "$P_MEM" "$L/dns-load.sh" "${p#*=}" 53 "$DNS_SECS" | grep -E '^(dns|mem|cpu)' | sed "s/^dns:/dns[${p%%=*}]:/"
    done
fi

sleep 2
echo "# --- idle memory after load"
# shellcheck disable=SC2086
python3 "$L/memsample.py" --once $M_MEM $P_MEM | sed 's/^mem: /mem[idle-after]: /'
reset_m alice; reset_m "$POP_HASHED_USER"
[ "$PEER" = 1 ] && reset_p alice && reset_p "$POP_HASHED_USER"
rm -rf "$TRASH_M" "$TRASH_P"

echo
python3 "$B/summary.py" "$OUT"

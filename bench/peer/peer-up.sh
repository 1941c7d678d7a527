#!/usr/bin/env bash
# peer-up.sh — set up and start the reference ("peer") mail stack, idempotently,
# on a fresh Debian 12 machine (root, no systemd).
#
#   BIND    127.0.0.2:53 (udp+tcp)  zones example.local, 19.172.in-addr.arpa
#   NSD     127.0.0.4:53 (udp+tcp)  the same zone files, response-rate limiting off
#   Knot    127.0.0.5:53 (udp+tcp)  the same zone files
#   Postfix 127.0.0.2:25            local delivery to /var/mail/<user>/Maildir/
#   Dovecot 127.0.0.2:110 (POP3)    passwd-file /etc/dovecot/users
#
# Users test, alice, bob — password "password".
# Nothing listens on 127.0.0.1 or on any non-loopback address.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEER="$HERE"
USERS="${PEER_USERS:-test alice bob}"
PASS="${PEER_PASS:-password}"
PKGS="postfix dovecot-core dovecot-pop3d bind9 bind9-dnsutils nsd knot dnsperf swaks curl"

log() { echo "peer-up: $*"; }

# ---------------------------------------------------------------- packages
missing=()
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # keep package maintainer scripts from starting services (they'd bind 0.0.0.0 / 127.0.0.1)
    made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1
    fi
    echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
    echo "postfix postfix/mailname string mail.example.local" | debconf-set-selections
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
    [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

# ---------------------------------------------------------------- 127.0.0.2 on lo
# 127.0.0.0/8 is already routed to lo, but Postfix's inet_interfaces wants the
# address configured on an interface. Harmless; left in place by peer-down.sh.
PF_INET_IFACES=127.0.0.2
if ! ip -4 addr show dev lo | grep -q 'inet 127\.0\.0\.2/'; then
    if ! ip addr add 127.0.0.2/32 dev lo 2>/dev/null; then
        log "could not add 127.0.0.2 to lo; postfix uses inet_interfaces=all (master.cf still binds 127.0.0.2:25 only)"
        PF_INET_IFACES=all
    fi
fi

# ---------------------------------------------------------------- users
for u in $USERS; do
    if ! id "$u" >/dev/null 2>&1; then
        useradd -M -d "/var/mail/$u" -s /usr/sbin/nologin -U "$u"
        log "created user $u"
    fi
    echo "$u:$PASS" | chpasswd
    home="/var/mail/$u"
    # /var/mail/<u> might be an mbox file from an earlier setup: replace it by a dir
    if [ -e "$home" ] && [ ! -d "$home" ]; then mv "$home" "$home.mbox.$(date +%s)"; fi
    mkdir -p "$home/Maildir/new" "$home/Maildir/cur" "$home/Maildir/tmp"
    chown -R "$u:$u" "$home"
    chmod 700 "$home"
done

# ---------------------------------------------------------------- dovecot users (passwd-file)
# Each user with the scheme and hash maillab's config/users gives it (test {PLAIN}, alice {SHA512-CRYPT}, bob
# {SHA256-CRYPT}), so a login costs both servers the same hash; a user not there gets {PLAIN}.
LAB_USERS="$HERE/../../config/users"
tmpu=$(mktemp)
for u in $USERS; do
    uid=$(id -u "$u"); gid=$(id -g "$u")
    pw=$(awk -F: -v u="$u" '$1 == u { print $2; exit }' "$LAB_USERS" 2>/dev/null)
    [ "$PASS" = password ] && [ -n "$pw" ] || pw="{PLAIN}$PASS"
    echo "$u:$pw:$uid:$gid::/var/mail/$u::"
done > "$tmpu"
install -o root -g dovecot -m 0640 "$tmpu" /etc/dovecot/users
rm -f "$tmpu"

# ---------------------------------------------------------------- configs
backup_once() { if [ -e "$1" ] && [ ! -e "$1.pre-peer" ]; then cp -p "$1" "$1.pre-peer"; fi; }

# BIND
mkdir -p /etc/bind/peer
install -m 0644 "$PEER/bind/db.example.local" "$PEER/bind/db.172.19" /etc/bind/peer/
install -m 0644 "$PEER/bind/named.conf" /etc/bind/named.peer.conf
[ -s /etc/bind/rndc.key ] || { rndc-confgen -a -k rndc-key -c /etc/bind/rndc.key; }
chown root:bind /etc/bind/rndc.key; chmod 0640 /etc/bind/rndc.key
mkdir -p /run/named /var/log/named /var/cache/bind
chown bind:bind /run/named /var/log/named /var/cache/bind
named-checkconf /etc/bind/named.peer.conf
named-checkzone -q example.local /etc/bind/peer/db.example.local
named-checkzone -q 19.172.in-addr.arpa /etc/bind/peer/db.172.19

# NSD and Knot DNS: their own run, state and log paths (the packages' defaults stay untouched), the zone files above
mkdir -p /run/nsd-peer /var/lib/nsd-peer /run/knot-peer /var/lib/knot-peer
chown nsd:nsd /run/nsd-peer /var/lib/nsd-peer
chown knot:knot /run/knot-peer /var/lib/knot-peer
touch /var/log/nsd-peer.log /var/log/knot-peer.log
chown nsd:nsd /var/log/nsd-peer.log; chown knot:knot /var/log/knot-peer.log
nsd-checkconf "$PEER/nsd/nsd.conf"
knotc -c "$PEER/knot/knot.conf" conf-check >/dev/null

# Postfix
backup_once /etc/postfix/main.cf
backup_once /etc/postfix/master.cf
install -m 0644 "$PEER/postfix/main.cf" "$PEER/postfix/master.cf" /etc/postfix/
postconf -e "inet_interfaces = $PF_INET_IFACES"
echo "mail.example.local" > /etc/mailname
touch /var/log/postfix.log
[ -e /etc/aliases ] || printf 'postmaster: root\n' > /etc/aliases
newaliases
postfix check

# Dovecot
backup_once /etc/dovecot/dovecot.conf
install -m 0644 "$PEER/dovecot/dovecot.conf" /etc/dovecot/dovecot.conf
mkdir -p /run/dovecot
touch /var/log/dovecot.log /var/log/dovecot-info.log
doveconf -n >/dev/null

# ---------------------------------------------------------------- start
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if alive /run/named/named.pid; then
    rndc -s 127.0.0.2 reload >/dev/null && log "named already running (reloaded)"
else
    named -u bind -c /etc/bind/named.peer.conf </dev/null >>/var/log/peer-up.log 2>&1 \
      || { tail -5 /var/log/peer-up.log >&2; exit 1; }
    log "named started"
fi

if alive /run/nsd-peer/nsd.pid; then
    log "nsd already running"
else
    nsd -c "$PEER/nsd/nsd.conf" </dev/null >>/var/log/peer-up.log 2>&1 \
      || { tail -5 /var/log/peer-up.log >&2; exit 1; }
    log "nsd started"
fi

if alive /run/knot-peer/knot.pid; then
    log "knotd already running"
else
    knotd -d -c "$PEER/knot/knot.conf" </dev/null >>/var/log/peer-up.log 2>&1 \
      || { tail -5 /var/log/peer-up.log >&2; exit 1; }
    log "knotd started"
fi

if postfix status >/dev/null 2>&1; then
    postfix reload >/dev/null 2>&1; log "postfix already running (reloaded)"
else
    postfix start </dev/null >>/var/log/peer-up.log 2>&1 \
      || { tail -5 /var/log/peer-up.log >&2; exit 1; }
    log "postfix started"
fi

if alive /run/dovecot/master.pid; then
    doveadm reload </dev/null >>/var/log/peer-up.log 2>&1; log "dovecot already running (reloaded)"
else
    # daemons must not keep the caller's stdout/stderr open (pipes would never close)
    dovecot </dev/null >>/var/log/peer-up.log 2>&1 \
      || { tail -5 /var/log/peer-up.log >&2; exit 1; }
    log "dovecot started"
fi

# ---------------------------------------------------------------- wait for ports
wait_port() { # proto port [address]
    local at=${3:-127.0.0.2}
    for _ in $(seq 1 50); do
        if [ "$1" = udp ]; then ss -Hlnu "src $at:$2" | grep -q . && return 0
        else ss -Hlnt "src $at:$2" | grep -q . && return 0; fi
        sleep 0.2
    done
    echo "peer-up: $1 $at:$2 not listening" >&2; return 1
}
wait_port udp 53; wait_port tcp 53; wait_port tcp 25; wait_port tcp 110
wait_port udp 53 127.0.0.4; wait_port udp 53 127.0.0.5
log "listening:"
ss -Hlntup | awk '{print "  " $1, $5, $7}' | grep -E '127\.0\.0\.[245]:(53|25|110|953)\b' || true
if ss -Hlntu | awk '{print $5}' | grep -Eq '^(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]):(53|25|110)$'; then
    echo "peer-up: WARNING: something listens on 127.0.0.1/any for 25/53/110" >&2
fi
log "ok"

#!/usr/bin/env bash
# Installs and starts a Docker engine on a Debian machine that reaches no container registry.
#   docker/install-engine.sh          install (if missing) and start dockerd, then print `docker version`
# Idempotent: a running engine is left as it is (the firewall rule and the compose plugin are still checked).
# Needs root. Environment:
#   MAILLAB_DOCKERD_LOG   where dockerd logs (default /var/log/maillab-dockerd.log)
#   MAILLAB_DROP_EGRESS   1 (default) drops container traffic leaving the machine; 0 keeps Docker's default
set -euo pipefail

log() { echo "install-engine: $*"; }
die() { echo "install-engine: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (apt-get, dockerd and iptables need it)"

DOCKERD_LOG=${MAILLAB_DOCKERD_LOG:-/var/log/maillab-dockerd.log}
# A closed loopback port: any pull dockerd attempts fails at once instead of reaching out.
CLOSED_PROXY=http://127.0.0.1:9

# Debian's own binaries come first: a newer client elsewhere on PATH would still work, but this is what we test.
docker_cli() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi; }
docker_bin() { if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker; fi; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v iptables >/dev/null || missing+=(iptables)
  if [ ${#missing[@]} -eq 0 ]; then log "packages present"; return; fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || log "apt-get update failed; trying with the lists we have"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_up() { timeout 10 "$(docker_bin)" info >/dev/null 2>&1; }

start_dockerd() {
  if engine_up; then log "dockerd already running"; return; fi
  # The container runtime may be wired to systemd, which is absent in a plain container/VM shell: start it by hand.
  log "starting dockerd (log: $DOCKERD_LOG)"
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  # A stale pid file from a killed dockerd blocks a new one.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  HTTP_PROXY=$CLOSED_PROXY HTTPS_PROXY=$CLOSED_PROXY http_proxy=$CLOSED_PROXY https_proxy=$CLOSED_PROXY \
  NO_PROXY=localhost,127.0.0.0/8 \
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_up && { log "dockerd is up"; return; }
    sleep 1
  done
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not start within 60 s; read $DOCKERD_LOG"
}

drop_egress() {
  [ "${MAILLAB_DROP_EGRESS:-1}" = 1 ] || { log "MAILLAB_DROP_EGRESS=0: container egress left open"; return; }
  local dev
  dev=$(ip route show default 2>/dev/null | awk '/default/ {for (i=1;i<NF;i++) if ($i=="dev") {print $(i+1); exit}}')
  [ -n "$dev" ] || { log "no default route: nothing to drop"; return; }
  iptables -L DOCKER-USER -n >/dev/null 2>&1 || iptables -N DOCKER-USER
  if iptables -C DOCKER-USER -o "$dev" -j DROP 2>/dev/null; then
    log "DOCKER-USER already drops traffic to $dev"
  else
    iptables -I DOCKER-USER -o "$dev" -j DROP
    log "DOCKER-USER: container traffic leaving through $dev is dropped"
  fi
}

compose_plugin() {
  if docker_cli compose version >/dev/null 2>&1; then log "docker compose: $(docker_cli compose version --short 2>/dev/null || echo present)"; return; fi
  # Debian ships Compose v1 only: map `docker compose ...` onto `docker-compose ...`.
  local dir=/usr/local/lib/docker/cli-plugins
  mkdir -p "$dir"
  cat >"$dir/docker-compose" <<'EOF'
#!/bin/sh
[ "$1" = docker-cli-plugin-metadata ] && { echo '{"SchemaVersion":"0.1.0","Vendor":"maillab","Version":"v1-shim","ShortDescription":"docker-compose v1"}'; exit 0; }
shift; exec /usr/bin/docker-compose "$@"
EOF
  chmod 755 "$dir/docker-compose"
  log "docker compose -> docker-compose ($(docker-compose version --short 2>/dev/null))"
}

install_packages
start_dockerd
drop_egress
compose_plugin
docker_cli version --format 'install-engine: client {{.Client.Version}}, server {{.Server.Version}} (API {{.Server.APIVersion}})'

#!/usr/bin/env bash
# Installs the mail clients the client matrix (system-tests, dev.maillab.systemtest.clients) drives against the
# stack: Debian's fetchmail, mpop, msmtp, s-nail, getmail6, swaks and curl (and openssl, which reads the key stores
# smtp-server writes: cds/SmtpServerRestartIT). Jakarta Mail comes from Maven.
#   system-tests/clients/install.sh    installs only what is missing; prints one line either way
# Idempotent and quiet. Needs root (or sudo) only when something is missing.
set -euo pipefail

log() { echo "clients/install: $*"; }
die() { echo "clients/install: ERROR: $*" >&2; exit 1; }

# package:command, the command being how the test finds the client on PATH
CLIENTS=(fetchmail:fetchmail mpop:mpop msmtp:msmtp s-nail:s-nail getmail6:getmail swaks:swaks curl:curl python3:python3 openssl:openssl)

missing=()
for entry in "${CLIENTS[@]}"; do
  command -v "${entry#*:}" >/dev/null || missing+=("${entry%%:*}")
done
if [ ${#missing[@]} -eq 0 ]; then log "all present (${CLIENTS[*]%%:*})"; exit 0; fi

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "${missing[*]} missing: run as root (apt-get needs it)"
  as_root=(sudo -n)
fi
log "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq || log "apt-get update failed; trying with the lists we have"
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for entry in "${CLIENTS[@]}"; do
  command -v "${entry#*:}" >/dev/null || die "${entry%%:*} installed but ${entry#*:} is not on PATH"
done
log "installed ${missing[*]}"

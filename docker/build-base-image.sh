#!/usr/bin/env bash
# Builds a Java 17 JRE base image from Debian packages alone, for machines that reach no container registry:
#   debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm  +  docker import
# Usage: docker/build-base-image.sh [image-tag]       (default maillab/jre17:bookworm; env MAILLAB_BASE_IMAGE)
# Then: BASE_IMAGE=maillab/jre17:bookworm docker compose up --build --exit-code-from pop3-client
# Idempotent: an existing tag is kept unless MAILLAB_REBUILD_BASE=1. Needs root, debootstrap and a running engine.
# Env: DEBIAN_MIRROR (default: the first Debian URI of this machine's apt sources, else http://deb.debian.org/debian)
set -euo pipefail

TAG=${1:-${MAILLAB_BASE_IMAGE:-maillab/jre17:bookworm}}
log() { echo "build-base-image: $*"; }
die() { echo "build-base-image: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (debootstrap needs it)"
command -v debootstrap >/dev/null || die "debootstrap missing: run docker/install-engine.sh first"
docker info >/dev/null 2>&1 || die "no Docker engine answers: run docker/install-engine.sh first"

if [ "${MAILLAB_REBUILD_BASE:-0}" != 1 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  log "$TAG already exists (MAILLAB_REBUILD_BASE=1 rebuilds it)"
  exit 0
fi

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
           | grep -v security | head -n1 | tr -d ' ' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi

root=$(mktemp -d /tmp/maillab-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
log "debootstrap bookworm from $mirror into $root (about 90 s)"
# bash (for the healthchecks' /dev/tcp) and coreutils are in minbase already; the JRE is the only addition.
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root" "$mirror" \
  >"$root.debootstrap.log" 2>&1 || { tail -n 20 "$root.debootstrap.log" >&2; die "debootstrap failed; log: $root.debootstrap.log"; }
rm -f "$root.debootstrap.log"

# Keep the image small: nothing here is needed at run time.
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/* \
       "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/var/log/*.log "$root"/tmp/* \
       "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old

java_home=$(dirname "$(dirname "$(readlink -f "$root/usr/bin/java" | sed "s#^$root##")")")
log "importing as $TAG (JAVA_HOME=$java_home)"
tar -C "$root" --numeric-owner -c . | docker import \
  --change "ENV JAVA_HOME=$java_home" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' \
  --message "maillab: debootstrap minbase bookworm + openjdk-17-jre-headless" \
  - "$TAG" >/dev/null
docker run --rm --network none "$TAG" java -version 2>&1 | sed -n 1p | sed 's/^/build-base-image: /'
log "$TAG: $(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}')"

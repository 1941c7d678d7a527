# shellcheck shell=bash
# JVM options for the maillab services, one scheme for every way of running them: each module keeps its own
# <module>/jvm.options (a java @argfile: options separated by blanks, # starts a comment). The launcher and
# bench/run.sh (and through them the system tests) use java_opts below, and the images run
# `java @/opt/maillab/jvm.options $JAVA_OPTS`. JAVA_OPTS from the environment comes last, so it wins per flag
# (e.g. JAVA_OPTS=-Xmx256m); to switch the collector, turn the file's off first: JAVA_OPTS="-XX:-UseSerialGC -XX:+UseG1GC".
# Every service starts with -Xms32m: Spring's context holds ~25 MB once up, and a heap grown from 8 MB in steps takes
# a full collection at each step (smtp-server on the 2-core lab VM: 62 collections, 0.57 s of pauses in a start; from
# 32 MB 49 and 0.29 s). Heap pages are resident only once touched, so idle RSS does not change.
# Sourced by bash scripts.
MAILLAB_JVM_OPTIONS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# java_opts MODULE: prints MODULE's options then $JAVA_OPTS, on one line (use it unquoted: $(java_opts smtp-server)).
java_opts() {
  local f=$MAILLAB_JVM_OPTIONS_ROOT/$1/jvm.options
  # A missing file is not an error: the JVM's defaults are safe, just larger.
  if [ -f "$f" ]; then sed 's/#.*//' "$f" | tr -s ' \t\r\n' '   '; fi
  echo "${JAVA_OPTS:-}"
}

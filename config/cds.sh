# shellcheck shell=bash
# Class data sharing (AppCDS) for the long-running services: one scheme for ./maillab and bench/run.sh; the images do
# the same steps with docker/cds-train.sh. It is Spring Boot's documented recipe: the exec jar extracted
# (java -Djarmode=tools extract: <module>-exec.jar + lib/), one training run that loads the classes and exits after
# the context refresh (-Dspring.context.exit=onRefresh: no port is served), and the archive named on every start.
# Measured on the 2-core lab machine: start → healthy of smtp-server 2.4–2.9 s with the fat jar, 1.3–1.6 s with this.
# A missing, stale or foreign archive only costs speed: the JVM then runs without it (-Xshare:auto, its warnings off).
# Sourced by bash scripts after config/java-opts.sh (java_opts). Everything lives in <module>/target/cds/; the training
# run's arguments are the service table's (config/services.sh: service_training_args).
MAILLAB_CDS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=config/services.sh
declare -F service_training_args >/dev/null || . "$MAILLAB_CDS_ROOT/config/services.sh"

# cds_stamp MODULE JAVA: what the archive depends on: the exec jar, the JVM build and the JVM options.
cds_stamp() {
  local jar
  jar=$(service_jar "$1")
  printf '%s\n' "$(stat -c '%s %Y' "$jar" 2>/dev/null)" "$("$2" -version 2>&1)" "$(java_opts "$1")"
}

# cds_current MODULE JAVA: true when the module's archive is there and made from this jar, JVM and options.
cds_current() {
  local dir=$MAILLAB_CDS_ROOT/$1/target/cds
  [ -f "$dir/$1.jsa" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$(cds_stamp "$1" "$2")" ]
}

# cds_prepare MODULE JAVA: extracts the exec jar and trains the archive unless the ones there are current.
# Returns 1 (after saying why) when it could not; the service then starts from the fat jar. The archive records the
# jars' paths, so it is trained where it is used; a lock keeps two launchers from doing it at once.
cds_prepare() {
  local m=$1 java=$2 dir=$MAILLAB_CDS_ROOT/$1/target/cds
  local jar stamp args
  jar=$(service_jar "$m")
  [ -f "$jar" ] || return 1
  cds_current "$m" "$java" && return 0
  stamp=$(cds_stamp "$m" "$java")
  mkdir -p "$dir.work" || return 1
  (
    flock 9 || exit 1
    cds_current "$m" "$java" && exit 0
    rm -rf "$dir" "$dir.work/home"
    args=$(service_training_args "$m" "$dir.work/home") || exit 1
    # shellcheck disable=SC2046,SC2086
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$dir.work/extract.log" 2>&1 &&
      (cd "$dir.work" && "$java" $(java_opts "$m") -XX:ArchiveClassesAtExit="$dir/$m.jsa.new" -Xlog:cds=off \
        -Xlog:cds+dynamic=off -Dspring.context.exit=onRefresh -Dlogging.level.root=WARN \
        -jar "$dir/$m-exec.jar" $args >"$dir.work/train.log" 2>&1) &&
      [ -s "$dir/$m.jsa.new" ] && mv "$dir/$m.jsa.new" "$dir/$m.jsa" && printf '%s\n' "$stamp" >"$dir/stamp"
  ) 9>"$dir.work/lock" && return 0
  echo "cds: no class data archive for $m (it starts without one); see $dir.work/train.log" >&2
  rm -f "$dir/$m.jsa"
  return 1
}

# cds_java_args MODULE: how to start the service after cds_prepare: the extracted jar with its archive when they
# are there, else the fat jar. Use it unquoted after the JVM options: java $(java_opts m) $(cds_java_args m) ARGS.
cds_java_args() {
  local m=$1 dir=$MAILLAB_CDS_ROOT/$1/target/cds
  if [ -f "$dir/$m.jsa" ] && [ -f "$dir/$m-exec.jar" ]; then
    echo "-XX:SharedArchiveFile=$dir/$m.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar $dir/$m-exec.jar"
  else
    echo "-jar $(service_jar "$m")"
  fi
}

# JVM options every maillab service runs with: the launcher, bench/run.sh and the container images
# (docker/*/Dockerfile copy the same line). Small heaps and the serial GC keep each service near
# 100 MiB RSS on a 2-core lab machine; JAVA_OPTS from the environment wins.
: "${JAVA_OPTS:=-XX:+UseSerialGC -Xms32m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError}"
export JAVA_OPTS

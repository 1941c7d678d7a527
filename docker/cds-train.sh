#!/usr/bin/env bash
# docker/cds-train.sh [ARG...] — run in an image build (RUN bash /opt/maillab/cds-train.sh ...), after the exec jar is
# at /opt/maillab/app.jar and the JVM options at /opt/maillab/jvm.options. Does for the image what config/cds.sh does
# on one machine: extracts the jar into /opt/maillab/app/, starts the service once until its Spring context is built
# (-Dspring.context.exit=onRefresh: no port is served; ARGs point it at scratch paths or port 0) and leaves the class
# data archive /opt/maillab/app.jsa that the ENTRYPOINT names. It halves the time to healthy on small machines.
set -euo pipefail
cd /opt/maillab
java -Djarmode=tools -jar app.jar extract --destination app
rm app.jar
mkdir -p /tmp/cds
cd /tmp/cds
java @/opt/maillab/jvm.options -XX:ArchiveClassesAtExit=/opt/maillab/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
    -Dspring.context.exit=onRefresh -Dlogging.level.root=WARN -jar /opt/maillab/app/app.jar --server.port=0 "$@"
test -s /opt/maillab/app.jsa
cd / && rm -rf /tmp/cds

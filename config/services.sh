# shellcheck shell=bash
# The service table: the five modules, the ports each service binds wherever it runs, its health port, its jar and
# its program arguments on one machine. Sourced (not run) by ./maillab, bench/run.sh and config/cds.sh; the JVM
# options are each module's <module>/jvm.options (config/java-opts.sh). docker/*/Dockerfile, docker-compose.yml, the
# zones and the README's launcher table cannot source it: system-tests' ServiceTableTest reads it (service_table) and
# fails when one of them disagrees.
MAILLAB_TABLE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The services in start order (DNS first: the others resolve through it from their first connection on), then the
# one-shot command. address: in compose's network; host: its name in example.local (the container's hostname).
#   module        kind     address      host
MAILLAB_MODULE_ROWS='
dns-server      service  172.19.0.2   ns
smtp-server     service  172.19.0.3   mail
app-server      service  172.19.0.4   app-server
web-console     service  172.19.0.6   console
pop3-client     command  172.19.0.5   client
'

# Every port a service binds, in the three sets of ports: launcher (./maillab's default, which the variable
# overrides), bench (bench/run.sh's, so both can run at once) and container (the images and compose). bind and
# property are the Spring properties of its address and port (an image sets them as environment variables, e.g.
# SERVER_PORT for server.port; the three SMTP ports share one address property, as POP3's two do); health: the
# actuator answers on this port.
#   service     port        proto    bind                 property                      variable                 launcher bench container
MAILLAB_PORT_ROWS='
dns-server    dns         udp+tcp  maillab.dns.address  maillab.dns.port              MAILLAB_DNS_PORT         1053     11053  53
dns-server    dns-http    tcp      server.address       server.port                   MAILLAB_DNS_HTTP_PORT    8053     18053  8053   health
smtp-server   smtp        tcp      maillab.smtp.address maillab.smtp.port             MAILLAB_SMTP_PORT        2525     12525  25
smtp-server   submission  tcp      maillab.smtp.address maillab.smtp.submission-port  MAILLAB_SUBMISSION_PORT  2587     12587  587
smtp-server   smtps       tcp      maillab.smtp.address maillab.smtp.smtps-port       MAILLAB_SMTPS_PORT       2465     12465  465
smtp-server   pop3        tcp      maillab.pop3.address maillab.pop3.port             MAILLAB_POP3_PORT        1110     11110  110
smtp-server   pop3s       tcp      maillab.pop3.address maillab.pop3.pop3s-port       MAILLAB_POP3S_PORT       1995     11995  995
smtp-server   smtp-http   tcp      server.address       server.port                   MAILLAB_SMTP_HTTP_PORT   8025     18025  8025   health
app-server    app         tcp      server.address       server.port                   MAILLAB_APP_PORT         8080     18080  8080   health
web-console   console     tcp      server.address       server.port                   MAILLAB_CONSOLE_PORT     8088     18088  8080   health
'

# One machine: every service binds loopback only.
MAILLAB_HOST=127.0.0.1

# MAILLAB_SERVICES (long-running, in start order) and MAILLAB_MODULES (all five), from the table.
_services_modules() {
  local module kind rest
  MAILLAB_SERVICES=() MAILLAB_MODULES=()
  while read -r module kind rest; do
    [ -n "$module" ] || continue
    MAILLAB_MODULES+=("$module")
    if [ "$kind" = service ]; then MAILLAB_SERVICES+=("$module"); fi
  done <<<"$MAILLAB_MODULE_ROWS"
}
_services_modules

# service_port_values launcher|bench|container: "port number" lines from that column; the launcher's honour its
# variables (MAILLAB_DNS_PORT=2053 ...).
service_port_values() {
  local service name proto bind property variable launcher bench container role
  while read -r service name proto bind property variable launcher bench container role; do
    [ -n "$service" ] || continue
    case $1 in
      launcher) echo "$name ${!variable:-$launcher}" ;;
      bench) echo "$name $bench" ;;
      container) echo "$name $container" ;;
      *) echo "service_port_values: launcher, bench or container, not '$1'" >&2; return 1 ;;
    esac
  done <<<"$MAILLAB_PORT_ROWS"
}

# services_use launcher|bench|container: PORT[<port>] (PORT[dns], PORT[smtp-http], ...), which the functions below
# use, from that column.
services_use() {
  local values name value
  values=$(service_port_values "$1") || return 1
  declare -gA PORT=()
  while read -r name value; do PORT[$name]=$value; done <<<"$values"
}

# service_ports SERVICE: the names of the ports it binds (dns dns-http).
service_ports() {
  local service name rest
  while read -r service name rest; do
    if [ "$service" = "$1" ]; then printf '%s\n' "$name"; fi
  done <<<"$MAILLAB_PORT_ROWS"
}

# service_binds SERVICE: proto:port of everything it binds, with the ports of services_use (udp:1053 tcp:1053 tcp:8053).
service_binds() {
  local service name proto rest binds=()
  while read -r service name proto rest; do
    [ "$service" = "$1" ] || continue
    case $proto in
      udp+tcp) binds+=("udp:${PORT[$name]}" "tcp:${PORT[$name]}") ;;
      *) binds+=("$proto:${PORT[$name]}") ;;
    esac
  done <<<"$MAILLAB_PORT_ROWS"
  echo "${binds[*]}"
}

# service_health_port SERVICE: where its actuator answers (/actuator/health).
service_health_port() {
  local service name proto bind property variable launcher bench container role
  while read -r service name proto bind property variable launcher bench container role; do
    if [ "$service" = "$1" ] && [ "$role" = health ]; then echo "${PORT[$name]}"; return 0; fi
  done <<<"$MAILLAB_PORT_ROWS"
  return 1
}

# service_jar MODULE: its runnable (Spring Boot exec) jar in the checkout.
service_jar() { echo "$MAILLAB_TABLE_ROOT/$1/target/$1-exec.jar"; }

# service_home HOME: the data a service's arguments name under HOME: zones/ (a fresh loopback copy of the project's
# zones at every call, config/loopback-zones.sh), users and aliases (copies of config/'s, made once so they can be
# edited there), mail/.
service_home() {
  local home=$1
  mkdir -p "$home/mail" || return 1
  "$MAILLAB_TABLE_ROOT/config/loopback-zones.sh" "$MAILLAB_TABLE_ROOT/zones" "$home/zones" "${PORT[dns]}" || return 1
  [ -f "$home/users" ] || cp "$MAILLAB_TABLE_ROOT/config/users" "$home/users" || return 1
  [ -f "$home/aliases" ] || cp "$MAILLAB_TABLE_ROOT/config/aliases" "$home/aliases"
}

# service_args SERVICE HOME: its program arguments on one machine, on the ports of services_use, its data under HOME
# (service_home): one line, split on blanks by the caller, so HOME must not hold blanks.
service_args() {
  local s=$1 home=$2 host=$MAILLAB_HOST args=()
  local service name proto bind property rest
  while read -r service name proto bind property rest; do
    [ "$service" = "$s" ] || continue
    # one address for the ports that share its property (the SMTP ports, the POP3 ports)
    case " ${args[*]} " in *" --$bind=$host "*) ;; *) args+=("--$bind=$host") ;; esac
    args+=("--$property=${PORT[$name]}")
  done <<<"$MAILLAB_PORT_ROWS"
  case $s in
    dns-server) args+=("--maillab.dns.named-conf=$home/zones/named.conf") ;;
    smtp-server) args+=("--maillab.smtp.resolver=$host:${PORT[dns]}" "--maillab.users.file=$home/users"
      "--maillab.users.aliases-file=$home/aliases" "--maillab.users.mail-root=$home/mail"
      "--maillab.tls.directory=$home/tls" "--maillab.relay.port=${PORT[smtp]}") ;;
    app-server) args+=("--maillab.app.resolver=$host:${PORT[dns]}" "--maillab.app.smtp-port=${PORT[smtp]}") ;;
    web-console) args+=("--maillab.console.dns-url=http://$host:${PORT[dns-http]}"
      "--maillab.console.smtp-url=http://$host:${PORT[smtp-http]}" "--maillab.console.app-url=http://$host:${PORT[app]}") ;;
  esac
  echo "${args[*]}"
}

# service_training_args SERVICE DIR: the arguments of its class data training run (config/cds.sh): service_args with
# the launcher's ports, port 0 for every port it binds and its data in DIR (made here), so the run loads what a real
# start loads and binds nothing that could clash.
service_training_args() {
  local -A PORT=() # this function's own, seen by the ones it calls
  local name value
  while read -r name value; do PORT[$name]=$value; done <<<"$(service_port_values launcher)"
  for name in $(service_ports "$1"); do PORT[$name]=0; done
  service_home "$2" >/dev/null && service_args "$1" "$2"
}

# service_table: both tables as rows for other readers (system-tests' ServiceTableTest, ./maillab help):
#   module MODULE KIND ADDRESS HOST JAR                  (JAR relative to the checkout)
#   port SERVICE PORT PROTO BIND PROPERTY VARIABLE LAUNCHER BENCH CONTAINER ROLE   (ROLE: health or -)
service_table() {
  local module kind address host service name proto bind property variable launcher bench container role
  while read -r module kind address host; do
    if [ -n "$module" ]; then echo "module $module $kind $address $host $module/target/$module-exec.jar"; fi
  done <<<"$MAILLAB_MODULE_ROWS"
  while read -r service name proto bind property variable launcher bench container role; do
    if [ -n "$service" ]; then
      echo "port $service $name $proto $bind $property $variable $launcher $bench $container ${role:--}"
    fi
  done <<<"$MAILLAB_PORT_ROWS"
}

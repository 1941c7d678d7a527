# shellcheck shell=bash
# The service table: the services (the five modules, smtp-server twice: once per lab domain), the ports each binds
# wherever it runs, its health port, its jar and its program arguments on one machine. Sourced (not run) by
# ./maillab, bench/run.sh and config/cds.sh; the JVM options are each module's <module>/jvm.options
# (config/java-opts.sh). docker/*/Dockerfile, docker-compose.yml, the zones and the README's launcher table cannot
# source it: system-tests' ServiceTableTest reads it (service_table) and fails when one of them disagrees.
MAILLAB_TABLE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The services in start order (DNS first: the others resolve through it from their first connection on), then the
# one-shot command. name: the compose service, the launcher's name for it (logs/<name>.log); module: what it runs;
# address: in compose's network; host and domain: its name there (the container's hostname and domain, its A record
# in zones/db.<domain>); loopback: the address it binds on one machine (config/loopback-zones.sh points the zone's A
# records there). The first domain is the lab's own (example.local); a service of another domain keeps its data
# under <home>/<domain>/ on one machine.
#   name              module       kind     address      host        domain         loopback
MAILLAB_SERVICE_ROWS='
dns-server        dns-server   service  172.19.0.2   ns          example.local  127.0.0.1
smtp-server       smtp-server  service  172.19.0.3   mail        example.local  127.0.0.1
smtp-server-test  smtp-server  service  172.19.0.13  mail        example.test   127.0.0.3
app-server        app-server   service  172.19.0.4   app-server  example.local  127.0.0.1
web-console       web-console  service  172.19.0.6   console     example.local  127.0.0.1
pop3-client       pop3-client  command  172.19.0.5   client      example.local  127.0.0.1
'

# Every port a module binds (each of its services binds them on its own address), in the three sets of ports: launcher (./maillab's default, which the variable
# overrides), bench (bench/run.sh's, so both can run at once) and container (the images and compose). bind and
# property are the Spring properties of its address and port (an image sets them as environment variables, e.g.
# SERVER_PORT for server.port; the three SMTP ports share one address property, as POP3's two do); health: the
# actuator answers on this port.
#   module      port        proto    bind                 property                      variable                 launcher bench container
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

# One machine: every service binds loopback only; the lab's own domain on this address (the table's loopback column
# names the others').
MAILLAB_HOST=127.0.0.1
MAILLAB_DOMAIN=example.local

# MAILLAB_SERVICES (long-running, in start order), MAILLAB_MODULES (the five modules, each once) and SERVICE_ROW[name]
# (its row), from the table.
_services_read() {
  local name module kind rest
  MAILLAB_SERVICES=() MAILLAB_MODULES=()
  declare -gA SERVICE_ROW=()
  while read -r name module kind rest; do
    [ -n "$name" ] || continue
    SERVICE_ROW[$name]="$module $kind $rest"
    case " ${MAILLAB_MODULES[*]} " in *" $module "*) ;; *) MAILLAB_MODULES+=("$module") ;; esac
    if [ "$kind" = service ]; then MAILLAB_SERVICES+=("$name"); fi
  done <<<"$MAILLAB_SERVICE_ROWS"
}
_services_read

# _service_field NAME N: the Nth column after the name (1 module, 2 kind, 3 address, 4 host, 5 domain, 6 loopback).
_service_field() {
  local row=${SERVICE_ROW[$1]:-} fields
  [ -n "$row" ] || { echo "config/services.sh: no service '$1' in the table" >&2; return 1; }
  read -r -a fields <<<"$row"
  echo "${fields[$(($2 - 1))]}"
}
service_module() { _service_field "$1" 1; }
service_domain() { _service_field "$1" 5; }
# service_host NAME: the loopback address it binds and is reached on, on one machine.
service_host() { _service_field "$1" 6; }

# lab_domains: every domain of the table, the lab's own first.
lab_domains() {
  local name domains=()
  for name in "${MAILLAB_SERVICES[@]}"; do
    case " ${domains[*]} " in *" $(service_domain "$name") "*) ;; *) domains+=("$(service_domain "$name")") ;; esac
  done
  printf '%s\n' "${domains[@]}"
}

# service_data NAME HOME: where its users, aliases and mail live under HOME: HOME itself for the lab's own domain,
# HOME/<domain> for another.
service_data() {
  local domain
  domain=$(service_domain "$1") || return 1
  if [ "$domain" = "$MAILLAB_DOMAIN" ]; then echo "$2"; else echo "$2/$domain"; fi
}

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

# service_ports NAME: the names of the ports it binds (dns dns-http): its module's.
service_ports() {
  local module row name rest
  module=$(service_module "$1") || return 1
  while read -r row name rest; do
    if [ "$row" = "$module" ]; then printf '%s\n' "$name"; fi
  done <<<"$MAILLAB_PORT_ROWS"
}

# service_binds NAME: proto:port of everything it binds on its address (service_host), with the ports of
# services_use (udp:1053 tcp:1053 tcp:8053).
service_binds() {
  local module row name proto rest binds=()
  module=$(service_module "$1") || return 1
  while read -r row name proto rest; do
    [ "$row" = "$module" ] || continue
    case $proto in
      udp+tcp) binds+=("udp:${PORT[$name]}" "tcp:${PORT[$name]}") ;;
      *) binds+=("$proto:${PORT[$name]}") ;;
    esac
  done <<<"$MAILLAB_PORT_ROWS"
  echo "${binds[*]}"
}

# service_health_port NAME: where its actuator answers (/actuator/health), on service_host.
service_health_port() {
  local module row name proto bind property variable launcher bench container role
  module=$(service_module "$1") || return 1
  while read -r row name proto bind property variable launcher bench container role; do
    if [ "$row" = "$module" ] && [ "$role" = health ]; then echo "${PORT[$name]}"; return 0; fi
  done <<<"$MAILLAB_PORT_ROWS"
  return 1
}

# service_jar MODULE: its runnable (Spring Boot exec) jar in the checkout.
service_jar() { echo "$MAILLAB_TABLE_ROOT/$1/target/$1-exec.jar"; }

# service_home HOME: the data the services' arguments name under HOME: zones/ (a fresh loopback copy of the
# project's zones at every call, config/loopback-zones.sh), app-submission.password, faults/, and per domain (service_data) users and aliases (copies
# of config/'s, made once so they can be edited there) and mail/.
service_home() {
  local home=$1 name data
  "$MAILLAB_TABLE_ROOT/config/loopback-zones.sh" "$MAILLAB_TABLE_ROOT/zones" "$home/zones" "${PORT[dns]}" || return 1
  # the fault rules files (read when they appear: dns.rules, smtp-server.json, smtp-server-test.json)
  mkdir -p "$home/faults" || return 1
  # app-server's submission password (app_submission): the lab user test's
  [ -f "$home/app-submission.password" ] || (umask 077 && echo password >"$home/app-submission.password") || return 1
  for name in "${MAILLAB_SERVICES[@]}"; do
    [ "$(service_module "$name")" = smtp-server ] || continue
    data=$(service_data "$name" "$home") || return 1
    mkdir -p "$data/mail" || return 1
    [ -f "$data/users" ] || cp "$MAILLAB_TABLE_ROOT/config/users" "$data/users" || return 1
    [ -f "$data/aliases" ] || cp "$MAILLAB_TABLE_ROOT/config/aliases" "$data/aliases" || return 1
  done
}

# smtp_identity NAME: the settings that make an smtp-server the mail server of its row's domain, one per line, as
# compose's environment sets them too (ServiceTableTest): its name, its domain, the lab's other domains (it relays
# to them) and the names and addresses its certificate holds.
smtp_identity() {
  local domain host others=() d
  domain=$(service_domain "$1") && host=$(_service_field "$1" 4) || return 1
  for d in $(lab_domains); do [ "$d" = "$domain" ] || others+=("$d"); done
  echo "maillab.smtp.hostname=$host.$domain"
  echo "maillab.smtp.domains=$domain"
  echo "maillab.relay.domains=$(IFS=,; echo "${others[*]}")"
  echo "maillab.tls.subject-alt-names=$host.$domain,smtp-server.$domain,$1,localhost,$(service_host "$1"),$(_service_field "$1" 3)"
}

# app_submission HOME: how app-server (its service and ./maillab send) submits, one setting per line: as the lab user
# test, on its domain's submission port, trusting the lab CA, the password in a file (service_home makes it) so no
# command line shows it.
app_submission() {
  echo "maillab.app.submission.username=test"
  echo "maillab.app.submission.password-file=$1/app-submission.password"
  echo "maillab.app.submission.port=${PORT[submission]}"
  echo "maillab.app.submission.ca-file=$1/tls/ca.pem"
}

# service_args NAME HOME: its program arguments on one machine, on the ports of services_use and its loopback
# address, its data under HOME (service_home): one line, split on blanks by the caller, so HOME must not hold blanks.
service_args() {
  local s=$1 home=$2 host module data args=() line
  local row name proto bind property rest
  module=$(service_module "$s") && host=$(service_host "$s") && data=$(service_data "$s" "$home") || return 1
  while read -r row name proto bind property rest; do
    [ "$row" = "$module" ] || continue
    # one address for the ports that share its property (the SMTP ports, the POP3 ports)
    case " ${args[*]} " in *" --$bind=$host "*) ;; *) args+=("--$bind=$host") ;; esac
    args+=("--$property=${PORT[$name]}")
  done <<<"$MAILLAB_PORT_ROWS"
  case $module in
    dns-server) args+=("--maillab.dns.named-conf=$home/zones/named.conf" "--maillab.dns.faults.file=$home/faults/dns.rules") ;;
    smtp-server)
      args+=("--maillab.smtp.resolver=$MAILLAB_HOST:${PORT[dns]}" "--maillab.users.file=$data/users"
        "--maillab.users.aliases-file=$data/aliases" "--maillab.users.mail-root=$data/mail"
        "--maillab.tls.directory=$home/tls" "--maillab.smtp.faults.file=$home/faults/$s.json"
        "--maillab.smtp.sender-auth.dkim-directory=$MAILLAB_TABLE_ROOT/config/dkim")
      # the other domains' servers listen on the same SMTP port; port 0 (the training run's: any free one) names none
      [ "${PORT[smtp]}" = 0 ] || args+=("--maillab.relay.port=${PORT[smtp]}")
      while read -r line; do args+=("--$line"); done <<<"$(smtp_identity "$s")" ;;
    app-server) args+=("--maillab.app.resolver=$MAILLAB_HOST:${PORT[dns]}" "--maillab.app.smtp-port=${PORT[smtp]}")
      while read -r line; do args+=("--$line"); done <<<"$(app_submission "$home")" ;;
    web-console)
      local other urls=()
      for other in "${MAILLAB_SERVICES[@]}"; do # the other domains' mail servers: their events join the journeys
        [ "$(service_module "$other")" = smtp-server ] && [ "$(service_domain "$other")" != "$MAILLAB_DOMAIN" ] &&
          urls+=("http://$(service_host "$other"):${PORT[smtp-http]}")
      done
      args+=("--maillab.console.dns-url=http://$host:${PORT[dns-http]}"
        "--maillab.console.smtp-url=http://$host:${PORT[smtp-http]}" "--maillab.console.app-url=http://$host:${PORT[app]}"
        "--maillab.console.smtp-urls=$(IFS=,; echo "${urls[*]}")") ;;
  esac
  echo "${args[*]}"
}

# service_training_args MODULE DIR: the arguments of its class data training run (config/cds.sh): service_args of
# the module's first service with the launcher's ports, port 0 for every port it binds and its data in DIR (made
# here), so the run loads what a real start loads and binds nothing that could clash.
service_training_args() {
  local -A PORT=() # this function's own, seen by the ones it calls
  local name value
  while read -r name value; do PORT[$name]=$value; done <<<"$(service_port_values launcher)"
  for name in $(service_ports "$1"); do PORT[$name]=0; done
  service_home "$2" >/dev/null && service_args "$1" "$2"
}

# service_table: both tables as rows for other readers (system-tests' ServiceTableTest, ./maillab help):
#   service NAME MODULE KIND ADDRESS HOST DOMAIN LOOPBACK JAR      (JAR relative to the checkout)
#   identity NAME SETTING=VALUE                                     (smtp_identity, one row per setting)
#   port MODULE PORT PROTO BIND PROPERTY VARIABLE LAUNCHER BENCH CONTAINER ROLE   (ROLE: health or -)
service_table() {
  local name module kind address host domain loopback row proto bind property variable launcher bench container role
  local line
  while read -r name module kind address host domain loopback; do
    [ -n "$name" ] || continue
    echo "service $name $module $kind $address $host $domain $loopback $module/target/$module-exec.jar"
    if [ "$module" = smtp-server ]; then
      while read -r line; do echo "identity $name $line"; done <<<"$(smtp_identity "$name")"
    fi
  done <<<"$MAILLAB_SERVICE_ROWS"
  while read -r row name proto bind property variable launcher bench container role; do
    if [ -n "$row" ]; then
      echo "port $row $name $proto $bind $property $variable $launcher $bench $container ${role:--}"
    fi
  done <<<"$MAILLAB_PORT_ROWS"
}

#!/usr/bin/env bash
# The whole system on one machine, without Docker: a real PostgreSQL and a real Kafka (KRaft), each in its own
# process, then every service that has been built, then the demo data. Ctrl-C (or SIGTERM) stops everything:
# services first, then Kafka, then PostgreSQL. Data is kept in target/local-stack/ for the next run.
#
#   deploy/local/run.sh                           start everything and wait
#   deploy/local/run.sh token admin               print a bearer token for the local stack
#   deploy/local/run.sh token agency CODE
#   deploy/local/run.sh token supervisor REGION
#
# Environment: OGI_SKIP_BUILD=1 (use what is built), OGI_MVN_OPTS (extra Maven options, e.g. -o),
# OGI_PG_PORT (15432), OGI_KAFKA_PORT (19092), OGI_PARTITIONS (3),
# OGI_SUBMISSION_PORT / OGI_AGGREGATION_PORT / OGI_NOTIFICATION_PORT (8081 / 8082 / 8083), OGI_JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/target/local-stack"
LOGS="$STATE/logs"
JWT_DIR="$STATE/jwt"
CP_FILE="$STATE/classpath.txt"
PIDS_FILE="$STATE/pids"
PG_PORT="${OGI_PG_PORT:-15432}"
KAFKA_PORT="${OGI_KAFKA_PORT:-19092}"
PARTITIONS="${OGI_PARTITIONS:-3}"
read -r -a MVN_OPTS <<< "${OGI_MVN_OPTS:-}"
read -r -a JAVA_OPTS <<< "${OGI_JAVA_OPTS:-}"
SERVICES=("submission:${OGI_SUBMISSION_PORT:-8081}" "aggregation:${OGI_AGGREGATION_PORT:-8082}"
          "notification:${OGI_NOTIFICATION_PORT:-8083}")
# the stack's own processes log through SLF4J -> JBoss LogManager; this makes java.util.logging that manager too
STACK_JAVA=(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${JAVA_OPTS[@]}")
STACK_CLASSES="$ROOT/deploy/local/target/classes"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

build() {
  if [[ "${OGI_SKIP_BUILD:-}" == 1 ]]; then
    return
  fi
  say "Building (./mvnw -B -ntp -q install -DskipTests ${MVN_OPTS[*]}) ..."
  (cd "$ROOT" && ./mvnw -B -ntp -q "${MVN_OPTS[@]}" install -DskipTests) >&2 || die "the build failed"
  rm -f "$CP_FILE" # dependencies may have changed
}

# The local-stack class path, computed once and reused while the poms are unchanged.
classpath() {
  mkdir -p "$STATE"
  if [[ ! -s "$CP_FILE" || "$ROOT/deploy/local/pom.xml" -nt "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
    (cd "$ROOT" && ./mvnw -B -ntp -q "${MVN_OPTS[@]}" -pl deploy/local dependency:build-classpath \
        -Dmdep.outputFile="$CP_FILE") >&2 || die "could not compute the local-stack class path (build first?)"
  fi
  [[ -d "$STACK_CLASSES" ]] || die "$STACK_CLASSES is missing: build first (without OGI_SKIP_BUILD=1)"
  CP="$STACK_CLASSES:$(cat "$CP_FILE")"
}

token() {
  if [[ ! -d "$STACK_CLASSES" ]]; then
    build
  fi
  classpath
  "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.Tokens "$JWT_DIR" "$@"
}

# --- process bookkeeping -------------------------------------------------------------------------------------------

declare -a NAMES=()
declare -A PID_OF=()

is_ours() { # pid: alive and one of ours (a stack class or a service jar), not a recycled pid
  local cmdline
  cmdline="$( { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null)" || return 1
  [[ "$cmdline" == *org.ogi.stack.* || "$cmdline" == *quarkus-app/quarkus-run.jar* ]]
}

stop_pid() { # name pid: SIGTERM, then wait (the JVMs stop their servers cleanly in shutdown hooks)
  local name="$1" pid="$2" waited=0
  kill -0 "$pid" 2>/dev/null || return 0
  say "Stopping $name (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= 600 )); then
      say "  $name did not stop within 60 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# A run that was killed (kill -9, closed terminal) may have left processes behind: stop them, in order.
stop_leftovers() {
  local runner
  runner="$(cat "$STATE/runner.pid" 2>/dev/null || true)"
  if [[ -n "$runner" && "$runner" != "$$" ]] && { tr '\0' ' ' < "/proc/$runner/cmdline"; } 2>/dev/null | grep -q 'run\.sh'; then
    die "another deploy/local/run.sh is running (pid $runner); stop it first"
  fi
  echo "$$" > "$STATE/runner.pid"
  [[ -f "$PIDS_FILE" ]] || return 0
  local lines=() line name pid
  mapfile -t lines < "$PIDS_FILE"
  for (( i = ${#lines[@]} - 1; i >= 0; i-- )); do
    read -r name pid <<< "${lines[i]}"
    if [[ -n "${pid:-}" ]] && is_ours "$pid"; then
      say "A previous run left $name running (pid $pid)."
      stop_pid "$name" "$pid"
    fi
  done
  rm -f "$PIDS_FILE"
}

STOPPING=0
stop_all() {
  local status="${1:-0}"
  if (( STOPPING )); then
    return
  fi
  STOPPING=1
  trap - INT TERM EXIT
  for (( i = ${#NAMES[@]} - 1; i >= 0; i-- )); do # reverse start order: services, Kafka, PostgreSQL
    stop_pid "${NAMES[i]}" "${PID_OF[${NAMES[i]}]}"
  done
  rm -f "$PIDS_FILE" "$STATE/runner.pid"
  say "Stopped."
  exit "$status"
}

launch() { # name command...: in its own session, so a terminal's Ctrl-C reaches only this script
  local name="$1"
  shift
  [[ -f "$LOGS/$name.log" ]] && mv -f "$LOGS/$name.log" "$LOGS/$name.previous.log" # keep one earlier run
  if command -v setsid >/dev/null; then
    setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  else
    "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  fi
  PID_OF[$name]=$!
  NAMES+=("$name")
  echo "$name $!" >> "$PIDS_FILE"
}

check_alive() {
  local name="$1"
  if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
    say "$name exited; the end of $LOGS/$name.log:"
    tail -n 30 "$LOGS/$name.log" >&2 || true
    stop_all 1
  fi
}

await_line() { # name pattern seconds
  local name="$1" pattern="$2" limit=$(( $3 * 10 )) waited=0
  until grep -q "$pattern" "$LOGS/$name.log" 2>/dev/null; do
    check_alive "$name"
    (( waited++ < limit )) || { say "$name not ready after $3 s"; tail -n 30 "$LOGS/$name.log" >&2; stop_all 1; }
    sleep 0.1
  done
}

http_status() { # url -> HTTP status code, 000 when unreachable
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
  else
    local rest="${1#http://}" hostport path status
    hostport="${rest%%/*}"; path="/${rest#*/}"
    if exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" 2>/dev/null; then
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
      read -r _ status _ <&3 || true
      exec 3>&-
      echo "${status:-000}"
    else
      echo 000
    fi
  fi
}

await_ready() { # name url seconds
  local name="$1" url="$2" limit=$(( $3 * 2 )) waited=0
  until [[ "$(http_status "$url")" == 200 ]]; do
    check_alive "$name"
    (( waited++ < limit )) || { say "$name not ready after $3 s ($url)"; tail -n 30 "$LOGS/$name.log" >&2; stop_all 1; }
    sleep 0.5
  done
}

# --- main ------------------------------------------------------------------------------------------------------------

if [[ "${1:-}" == token ]]; then
  shift
  token "$@"
  exit
fi
[[ $# -eq 0 ]] || die "usage: deploy/local/run.sh | deploy/local/run.sh token admin|agency CODE|supervisor REGION"

command -v java >/dev/null || die "java (17 or newer) is needed"
build
classpath
mkdir -p "$LOGS" "$JWT_DIR"
stop_leftovers
trap 'stop_all 0' INT TERM
trap 'stop_all 1' EXIT
started_at=$SECONDS

launch postgres "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.PostgresServer --data-dir "$STATE/pg" --port "$PG_PORT" \
    --databases submission,aggregation,notification
launch kafka "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.KafkaBroker --log-dir "$STATE/kafka" --port "$KAFKA_PORT" \
    --partitions "$PARTITIONS"
"${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.Tokens "$JWT_DIR" admin > /dev/null # the key pair, once
SMTP_PORT=${OGI_SMTP_PORT:-2525}
launch smtp "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.SmtpSink --port "$SMTP_PORT" --dir "$STATE/mail"
await_line postgres '^READY' 120
await_line kafka '^READY' 120
await_line smtp '^READY' 60
say "PostgreSQL, Kafka and the SMTP sink are up ($((SECONDS - started_at)) s)."

declare -a UP=()
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"
  port="${entry#*:}"
  jar="$ROOT/$name-service/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]]; then
    say "No $name-service build ($jar); skipping it."
    continue
  fi
  launch "$name" env \
      QUARKUS_HTTP_PORT="$port" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$name" \
      QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
      KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_DIR/publicKey.pem" MP_JWT_VERIFY_ISSUER=https://ogi.local \
      QUARKUS_MAILER_HOST=localhost QUARKUS_MAILER_PORT="$SMTP_PORT" \
      OGI_CHASE_FILING_URL="http://localhost:${OGI_SUBMISSION_PORT:-8081}/api/v1/reports/{year}/{agencyCode}" \
      java "${JAVA_OPTS[@]}" -jar "$jar"
  UP+=("$name:$port")
done
for entry in "${UP[@]}"; do
  await_ready "${entry%%:*}" "http://localhost:${entry#*:}/q/health/ready" 180
done
say "Services are up ($((SECONDS - started_at)) s)."

url_of() { # name -> URL, empty when that service is not running
  local entry
  for entry in "${UP[@]}"; do
    [[ "${entry%%:*}" == "$1" ]] && { echo "http://localhost:${entry#*:}"; return; }
  done
  echo ""
}

example_agency=11500000009275780L # 重庆市人民政府, from the format spec; replaced by one from the demo data
submission_url="$(url_of submission)"
if [[ -n "$submission_url" && -f "$STACK_CLASSES/org/ogi/stack/demo/DemoLoader.class" ]]; then
  say "Loading demo data ..."
  if "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.demo.DemoLoader "$submission_url" "$JWT_DIR" > "$LOGS/demo.log" 2>&1; then
    demo_agency="$(grep -oE 'run\.sh token agency [0-9A-Z]{18}' "$LOGS/demo.log" | tail -n 1 | awk '{print $4}')"
    example_agency="${demo_agency:-$example_agency}"
    say "Demo data loaded (log: $LOGS/demo.log)."
  else
    say "Loading demo data failed; the end of $LOGS/demo.log:"
    tail -n 20 "$LOGS/demo.log" >&2 || true
  fi
fi

cat > "$STATE/stack.env" <<EOF
SUBMISSION_URL=$(url_of submission)
AGGREGATION_URL=$(url_of aggregation)
NOTIFICATION_URL=$(url_of notification)
PG_HOST=localhost
PG_PORT=$PG_PORT
PG_USER=postgres
PG_PASSWORD=postgres
PG_JDBC_URL_SUBMISSION=jdbc:postgresql://localhost:$PG_PORT/submission
PG_JDBC_URL_AGGREGATION=jdbc:postgresql://localhost:$PG_PORT/aggregation
PG_JDBC_URL_NOTIFICATION=jdbc:postgresql://localhost:$PG_PORT/notification
KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT
JWT_KEY_DIR=$JWT_DIR
JWT_PUBLIC_KEY=$JWT_DIR/publicKey.pem
JWT_ISSUER=https://ogi.local
SMTP_PORT=$SMTP_PORT
MAIL_DIR=$STATE/mail
EOF

agency_token="$("${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.Tokens "$JWT_DIR" agency "$example_agency")"
{
  echo
  echo "OGI local stack is up ($((SECONDS - started_at)) s)."
  for entry in "${UP[@]}"; do
    printf '  %-13s http://localhost:%s   OpenAPI /q/openapi   health /q/health\n' "${entry%%:*}" "${entry#*:}"
  done
  echo "  PostgreSQL    jdbc:postgresql://localhost:$PG_PORT/{submission,aggregation,notification}  user postgres"
  echo "  Kafka         localhost:$KAFKA_PORT   topics ogi.agencies, ogi.reports (+ .dlq)"
  echo "  Mail sink     smtp://localhost:$SMTP_PORT   every reminder sent is a .eml file in $STATE/mail/"
  echo "  Statistics    $(url_of aggregation)/api/v1/statistics/$(( $(date +%Y) - 1 ))/regions/000000"
  echo "  Logs          $LOGS/"
  echo "  Addresses     $STATE/stack.env"
  echo
  echo "An agency token ($example_agency, valid 30 days; others: deploy/local/run.sh token admin|agency CODE|supervisor REGION):"
  echo "  $agency_token"
  echo "  curl -H 'Authorization: Bearer $agency_token' \\"
  echo "       ${submission_url:-http://localhost:8081}/api/v1/reports/$(( $(date +%Y) - 1 ))/$example_agency"
  echo
  echo "Ctrl-C stops everything."
}

while true; do
  for name in "${NAMES[@]}"; do
    check_alive "$name"
  done
  sleep 2 &
  wait $! || true
done

#!/usr/bin/env bash
# The whole system on one machine, without Docker: a real PostgreSQL and a real Kafka (KRaft), each in its own
# process, an SMTP sink, then every service that has been built, then the demo data. Ctrl-C (or SIGTERM) stops
# everything: services first, then the SMTP sink, Kafka, PostgreSQL. Data is kept in target/local-stack/data/ (durable:
# PostgreSQL and Kafka fsync) for the next run.
#
#   deploy/local/run.sh                           start everything, load the demo data, and watch
#   deploy/local/run.sh status                    (from another terminal) what runs, with the services' readiness
#   deploy/local/run.sh stop  NAME|all            stop one part (or all of them); the runner keeps watching the rest
#   deploy/local/run.sh start NAME|all            start a stopped part again, on the same port and data
#   deploy/local/run.sh reset                     delete the data (only while nothing runs)
#   deploy/local/run.sh token admin               print a bearer token for the local stack
#   deploy/local/run.sh token agency CODE
#   deploy/local/run.sh token supervisor REGION
# NAME: postgres, kafka, smtp, submission, aggregation, notification.
#
# Environment: OGI_SKIP_BUILD=1 (use what is built), OGI_MVN_OPTS (extra Maven options, e.g. -o),
# OGI_PG_PORT (15432), OGI_KAFKA_PORT (19092), OGI_SMTP_PORT (2525), OGI_PARTITIONS (3),
# OGI_SUBMISSION_PORT / OGI_AGGREGATION_PORT / OGI_NOTIFICATION_PORT (8081 / 8082 / 8083), OGI_JAVA_OPTS,
# OGI_STATE_DIR (target/local-stack: data, logs, keys, pids; deploy/e2e's RunShTest uses its own).
# A part started with "start" uses the ports the running stack was started with.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${OGI_STATE_DIR:-$ROOT/target/local-stack}"
DATA="$STATE/data"
MAIL_DIR="$DATA/mail"
LOGS="$STATE/logs"
JWT_DIR="$STATE/jwt"
CP_FILE="$STATE/classpath.txt"
PIDS_FILE="$STATE/pids"
PG_PORT="${OGI_PG_PORT:-15432}"
KAFKA_PORT="${OGI_KAFKA_PORT:-19092}"
SMTP_PORT="${OGI_SMTP_PORT:-2525}"
PARTITIONS="${OGI_PARTITIONS:-3}"
SUBMISSION_PORT="${OGI_SUBMISSION_PORT:-8081}"
AGGREGATION_PORT="${OGI_AGGREGATION_PORT:-8082}"
NOTIFICATION_PORT="${OGI_NOTIFICATION_PORT:-8083}"
read -r -a MVN_OPTS <<< "${OGI_MVN_OPTS:-}"
read -r -a JAVA_OPTS <<< "${OGI_JAVA_OPTS:-}"
# the stack's own processes log through SLF4J -> JBoss LogManager; this makes java.util.logging that manager too
STACK_JAVA=(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${JAVA_OPTS[@]}")
STACK_CLASSES="$ROOT/deploy/local/target/classes"
# shellcheck source=run-lib.sh
source "$ROOT/deploy/local/run-lib.sh"

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

names_of() { # NAME|all -> the parts, in start order
  [[ "${1:-}" == all ]] && { echo "${PARTS[@]}"; return; }
  is_part "${1:-}" || die "unknown part '${1:-}': one of ${PARTS[*]} or all"
  echo "$1"
}

# --- subcommands for another terminal ------------------------------------------------------------------------------

cmd_status() {
  local runner name
  load_settings
  runner="$(runner_pid || true)"
  [[ -n "$runner" ]] && echo "runner: deploy/local/run.sh (pid $runner) watches the stack" \
                     || echo "runner: none (parts listed below may have been started with 'run.sh start')"
  for name in "${PARTS[@]}"; do
    status_line "$name"
  done
}

cmd_stop() {
  local names i
  load_settings
  read -r -a names <<< "$(names_of "${1:-}")"
  for (( i = ${#names[@]} - 1; i >= 0; i-- )); do # reverse start order: services, SMTP, Kafka, PostgreSQL
    if pid_of "${names[i]}" > /dev/null; then
      stop_part "${names[i]}"
    else
      say "${names[i]} is not running."
    fi
  done
}

abandon_part() { # a part started from this terminal that did not come up: stop it again
  stop_part "$1"
  exit 1
}

cmd_start() {
  local names name started=()
  load_settings
  read -r -a names <<< "$(names_of "${1:-}")"
  classpath
  mkdir -p "$LOGS" "$DATA" "$JWT_DIR"
  ON_FAILURE=abandon_part
  for name in "${names[@]}"; do
    if pid_of "$name" > /dev/null; then
      say "$name is already running."
    elif is_service "$name" && [[ ! -f "$(jar_of "$name")" ]]; then
      say "No $name-service build ($(jar_of "$name")); skipping it."
    else
      if is_service "$name"; then # a service needs the infrastructure started just before it to be up first
        for part in "${started[@]}"; do is_service "$part" || await_part "$part"; done
      fi
      say "Starting $name ..."
      launch_part "$name"
      started+=("$name")
    fi
  done
  for name in "${started[@]}"; do await_part "$name"; done
  for name in "${names[@]}"; do status_line "$name"; done
}

cmd_reset() {
  local name
  [[ -z "$(runner_pid || true)" ]] || die "the stack is running (runner pid $(runner_pid)); stop it (Ctrl-C) first"
  for name in "${PARTS[@]}"; do
    pid_of "$name" > /dev/null && die "$name is still running; deploy/local/run.sh stop all first"
  done
  say "Deleting $DATA (PostgreSQL, Kafka, mail) ..."
  rm -rf "$DATA" "$STATE/pg" "$STATE/kafka" "$STATE/mail" "$PIDS_FILE" "$STATE/stack.env"
  say "Reset; the next deploy/local/run.sh starts from empty databases and topics and loads the demo again."
}

case "${1:-}" in
  token) shift; token "$@"; exit ;;
  status) cmd_status; exit ;;
  stop) [[ $# -eq 2 ]] || die "usage: deploy/local/run.sh stop NAME|all"; cmd_stop "$2"; exit ;;
  start) [[ $# -eq 2 ]] || die "usage: deploy/local/run.sh start NAME|all"; cmd_start "$2"; exit ;;
  reset) cmd_reset; exit ;;
  "") ;;
  *) die "usage: deploy/local/run.sh [status | stop NAME|all | start NAME|all | reset | token admin|agency CODE|supervisor REGION]" ;;
esac

# --- the foreground runner -------------------------------------------------------------------------------------------

command -v java >/dev/null || die "java (17 or newer) is needed"
command -v flock >/dev/null || die "flock (util-linux) is needed"
build
classpath
mkdir -p "$LOGS" "$JWT_DIR" "$DATA"

# A run that was killed (kill -9, closed terminal) may have left processes behind: stop them, in order.
runner="$(runner_pid || true)"
[[ -z "$runner" || "$runner" == "$$" ]] || die "another deploy/local/run.sh is running (pid $runner); stop it first"
echo "$$" > "$STATE/runner.pid"
for (( i = ${#PARTS[@]} - 1; i >= 0; i-- )); do
  if pid_of "${PARTS[i]}" > /dev/null; then
    say "A previous run left ${PARTS[i]} running."
    stop_part "${PARTS[i]}"
  fi
done
rm -f "$PIDS_FILE"
for old in pg kafka mail; do # data kept by earlier versions of this script directly in target/local-stack
  [[ -d "$STATE/$old" && ! -e "$DATA/$old" ]] && mv "$STATE/$old" "$DATA/$old"
done
save_settings

STOPPING=0
stop_all() {
  local status="${1:-0}"
  (( STOPPING )) && return
  STOPPING=1
  trap - INT TERM EXIT
  for (( i = ${#PARTS[@]} - 1; i >= 0; i-- )); do
    stop_part "${PARTS[i]}"
  done
  rm -f "$PIDS_FILE" "$STATE/runner.pid"
  say "Stopped."
  exit "$status"
}
fatal() { stop_all 1; }
ON_FAILURE=fatal
trap 'stop_all 0' INT TERM
trap 'stop_all 1' EXIT
started_at=$SECONDS

for name in "${INFRA[@]}"; do
  launch_part "$name"
done
"${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.Tokens "$JWT_DIR" admin > /dev/null # the key pair, once
for name in "${INFRA[@]}"; do
  await_part "$name"
done
say "PostgreSQL, Kafka and the SMTP sink are up ($((SECONDS - started_at)) s)."

declare -a UP=()
for name in submission aggregation notification; do
  if [[ ! -f "$(jar_of "$name")" ]]; then
    say "No $name-service build ($(jar_of "$name")); skipping it."
    continue
  fi
  launch_part "$name"
  UP+=("$name")
done
for name in "${UP[@]}"; do
  await_part "$name"
done
say "Services are up ($((SECONDS - started_at)) s)."

url_of() { # name -> URL, empty when that service is not running
  local name
  for name in "${UP[@]}"; do
    [[ "$name" == "$1" ]] && { echo "http://localhost:$(port_of "$name")"; return; }
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
MAIL_DIR=$MAIL_DIR
DATA_DIR=$DATA
EOF

agency_token="$("${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.Tokens "$JWT_DIR" agency "$example_agency")"
{
  echo
  echo "OGI local stack is up ($((SECONDS - started_at)) s)."
  for name in "${UP[@]}"; do
    printf '  %-13s http://localhost:%s   OpenAPI /q/openapi   health /q/health\n' "$name" "$(port_of "$name")"
  done
  echo "  PostgreSQL    jdbc:postgresql://localhost:$PG_PORT/{submission,aggregation,notification}  user postgres"
  echo "  Kafka         localhost:$KAFKA_PORT   topics ogi.agencies, ogi.reports (+ .dlq)"
  echo "  Mail sink     smtp://localhost:$SMTP_PORT   every reminder sent is a .eml file in $MAIL_DIR/"
  echo "  Dashboard     $(url_of aggregation)/?region=000000&year=$(( $(date +%Y) - 1 ))   (政务公开办 statistics board)"
  echo "  Statistics    $(url_of aggregation)/api/v1/statistics/$(( $(date +%Y) - 1 ))/regions/000000"
  echo "  Data          $DATA/ (durable; deploy/local/run.sh reset deletes it)"
  echo "  Logs          $LOGS/"
  echo "  Addresses     $STATE/stack.env"
  echo
  echo "An agency token ($example_agency, valid 30 days; others: deploy/local/run.sh token admin|agency CODE|supervisor REGION):"
  echo "  $agency_token"
  echo "  curl -H 'Authorization: Bearer $agency_token' \\"
  echo "       ${submission_url:-http://localhost:8081}/api/v1/reports/$(( $(date +%Y) - 1 ))/$example_agency"
  echo
  echo "From another terminal: deploy/local/run.sh status | stop NAME | start NAME (NAME: ${PARTS[*]})."
  echo "Ctrl-C stops everything."
}

# Watch the listed parts. A part stopped with "run.sh stop" is no longer listed, so its exit is not a crash; one
# started again with "run.sh start" is listed again and watched from then on. A crash is reported, and the rest
# keeps running (an operator decides; "run.sh start NAME" brings it back).
declare -A SEEN=()
while true; do
  for name in "${PARTS[@]}"; do
    listed="$(awk -v n="$name" '$1 == n { print $2 }' "$PIDS_FILE" 2>/dev/null | tail -n 1)"
    if [[ -n "$listed" ]] && ! is_ours "$listed"; then
      say "$name (pid $listed) exited unexpectedly; the end of $LOGS/$name.log:"
      tail -n 30 "$LOGS/$name.log" >&2 || true
      say "The rest keeps running; deploy/local/run.sh start $name starts it again."
      clear_pid "$name"
      listed=""
    fi
    if [[ -v SEEN[$name] && "${SEEN[$name]}" != "$listed" ]]; then
      if [[ -z "$listed" ]]; then say "$name is stopped."; else say "$name runs again (pid $listed)."; fi
    fi
    SEEN[$name]="$listed"
  done
  sleep 2 &
  wait $! || true
done

# Helpers of deploy/local/run.sh (sourced, not run): the parts of the stack, how each one is started, and the
# bookkeeping that lets another terminal stop and start one part while the foreground runner keeps watching.
#
# $STATE/pids holds one line "name pid" per running part. Whoever stops a part deliberately removes its line first,
# so the runner (which checks the listed pids) knows the exit was wanted; a part started again is added back and the
# runner watches it from then on. Edits of the file are serialised with flock.

PARTS=(postgres kafka smtp submission aggregation notification)
INFRA=(postgres kafka smtp)

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

is_part() { local p; for p in "${PARTS[@]}"; do [[ "$p" == "$1" ]] && return 0; done; return 1; }
is_service() { [[ "$1" == submission || "$1" == aggregation || "$1" == notification ]]; }

port_of() {
  case "$1" in
    postgres) echo "$PG_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    smtp) echo "$SMTP_PORT" ;;
    submission) echo "$SUBMISSION_PORT" ;;
    aggregation) echo "$AGGREGATION_PORT" ;;
    notification) echo "$NOTIFICATION_PORT" ;;
  esac
}

jar_of() { echo "$ROOT/$1-service/target/quarkus-app/quarkus-run.jar"; }

# --- the pids file --------------------------------------------------------------------------------------------------

with_lock() { # command...: run with the pids file locked
  mkdir -p "$STATE"
  ( flock 9; "$@" ) 9> "$STATE/pids.lock"
}

_set_pid() { # name pid
  { grep -v "^$1 " "$PIDS_FILE" 2>/dev/null || true; echo "$1 $2"; } > "$PIDS_FILE.tmp"
  mv -f "$PIDS_FILE.tmp" "$PIDS_FILE"
}
_clear_pid() { # name
  [[ -f "$PIDS_FILE" ]] || return 0
  { grep -v "^$1 " "$PIDS_FILE" || true; } > "$PIDS_FILE.tmp"
  mv -f "$PIDS_FILE.tmp" "$PIDS_FILE"
}
set_pid() { with_lock _set_pid "$@"; }
clear_pid() { with_lock _clear_pid "$@"; }

pid_of() { # name -> its pid when listed, alive and ours; else nothing (and status 1)
  local pid
  pid="$(awk -v n="$1" '$1 == n { print $2 }' "$PIDS_FILE" 2>/dev/null | tail -n 1)"
  [[ -n "$pid" ]] && is_ours "$pid" && { echo "$pid"; return 0; }
  return 1
}

is_ours() { # pid: alive and one of ours (a stack class or a service jar), not a recycled pid
  local cmdline
  cmdline="$( { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null)" || return 1
  [[ "$cmdline" == *org.ogi.stack.* || "$cmdline" == *quarkus-app/quarkus-run.jar* ]]
}

runner_pid() { # the foreground run.sh, when one is alive
  local pid
  pid="$(cat "$STATE/runner.pid" 2>/dev/null || true)"
  [[ -n "$pid" ]] && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q 'run\.sh' && echo "$pid"
}

# --- starting and stopping one part ----------------------------------------------------------------------------------

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

stop_part() { # name: deliberately, so the runner does not take it for a crash
  local pid
  pid="$(pid_of "$1")" || { clear_pid "$1"; return 0; }
  clear_pid "$1"
  stop_pid "$1" "$pid"
}

launch() { # name command...: in its own session, so a terminal's Ctrl-C reaches only the runner
  local name="$1"
  shift
  mkdir -p "$LOGS"
  [[ -f "$LOGS/$name.log" ]] && mv -f "$LOGS/$name.log" "$LOGS/$name.previous.log" # keep one earlier run
  if command -v setsid >/dev/null; then
    setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  else
    "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  fi
  set_pid "$name" $!
}

launch_part() { # name: starts it in the background (not waiting for it)
  local name="$1" port
  port="$(port_of "$name")"
  case "$name" in
    postgres)
      launch postgres "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.PostgresServer --data-dir "$DATA/pg" --port "$port" \
          --databases submission,aggregation,notification ;;
    kafka)
      launch kafka "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.KafkaBroker --log-dir "$DATA/kafka" --port "$port" \
          --partitions "$PARTITIONS" --fsync true ;;
    smtp)
      launch smtp "${STACK_JAVA[@]}" -cp "$CP" org.ogi.stack.SmtpSink --port "$port" --dir "$MAIL_DIR" ;;
    *)
      local env_args
      mapfile -t env_args < <(service_env "$name")
      local jar cds=()
      jar="$(jar_of "$name")"
      # the class-data-sharing archive the build wrote beside the jar; the JVM maps it only when started from there
      [[ -f "$(dirname "$jar")/app-cds.jsa" ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
      launch "$name" env -C "$(dirname "$jar")" MALLOC_ARENA_MAX=2 "${env_args[@]}" \
          java "@$ROOT/deploy/service-jvm.options" "${cds[@]}" "${JAVA_OPTS[@]}" -jar "$jar" ;;
  esac
}

# The environment a service is started with, one NAME=value a line: the same variables deploy/compose and deploy/k8s
# set (deploy/e2e's DeploymentConfigTest runs this function and checks each name against what the service reads).
service_env() { # name
  local name="$1"
  echo "QUARKUS_HTTP_PORT=$(port_of "$name")"
  echo "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/$name"
  echo "QUARKUS_DATASOURCE_USERNAME=postgres"
  echo "QUARKUS_DATASOURCE_PASSWORD=postgres"
  echo "KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT"
  echo "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$JWT_DIR/publicKey.pem"
  echo "MP_JWT_VERIFY_ISSUER=https://ogi.local"
  if [[ "$name" == notification ]]; then
    echo "QUARKUS_MAILER_HOST=localhost"
    echo "QUARKUS_MAILER_PORT=$SMTP_PORT"
    echo "OGI_CHASE_FILING_URL=http://localhost:$SUBMISSION_PORT/api/v1/reports/{year}/{agencyCode}"
  fi
}

# Waiting for a part: $ON_FAILURE is what to do when it dies or does not get ready (the runner: stop everything;
# a "start" from another terminal: stop only that part and exit 1).
part_failed() { # name message
  say "$2; the end of $LOGS/$1.log:"
  tail -n 30 "$LOGS/$1.log" >&2 || true
  "$ON_FAILURE" "$1"
}

await_line() { # name pattern seconds
  local name="$1" pattern="$2" limit=$(( $3 * 10 )) waited=0
  until grep -q "$pattern" "$LOGS/$name.log" 2>/dev/null; do
    pid_of "$name" > /dev/null || { part_failed "$name" "$name exited"; return 1; }
    (( waited++ < limit )) || { part_failed "$name" "$name not ready after $3 s"; return 1; }
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
    pid_of "$name" > /dev/null || { part_failed "$name" "$name exited"; return 1; }
    (( waited++ < limit )) || { part_failed "$name" "$name not ready after $3 s ($url)"; return 1; }
    sleep 0.5
  done
}

await_part() { # name: until it serves (READY line or health/ready 200)
  if is_service "$1"; then
    await_ready "$1" "http://localhost:$(port_of "$1")/q/health/ready" 180
  else
    await_line "$1" '^READY' 120
  fi
}

# --- the stack's settings --------------------------------------------------------------------------------------------

# The runner records its ports here, so that "start kafka" from another terminal starts it where it was.
save_settings() {
  local v
  for v in PG_PORT KAFKA_PORT SMTP_PORT PARTITIONS SUBMISSION_PORT AGGREGATION_PORT NOTIFICATION_PORT; do
    printf '%s=%q\n' "$v" "${!v}"
  done > "$STATE/settings"
}
load_settings() { [[ -f "$STATE/settings" ]] && source "$STATE/settings"; return 0; }

status_line() { # name: one line of "run.sh status"
  local name="$1" pid state port
  port="$(port_of "$name")"
  if pid="$(pid_of "$name")"; then
    state="running (pid $pid)"
    if is_service "$name"; then
      case "$(http_status "http://localhost:$port/q/health/ready")" in
        200) state+=", ready" ;;
        000) state+=", not answering yet" ;;
        *) state+=", NOT ready (see http://localhost:$port/q/health/ready)" ;;
      esac
    fi
  elif is_service "$name" && [[ ! -f "$(jar_of "$name")" ]]; then
    state="not built"
  else
    state="stopped"
  fi
  printf '%-13s port %-6s %s\n' "$name" "$port" "$state"
}

#!/usr/bin/env bash
# Runs the whole Pulse platform on this machine, no Docker needed: Kafka + ClickHouse (the
# local-stack launcher), then ingest-service, query-api and aggregator-service, each as its own
# process. Ctrl-C (or SIGTERM) stops everything this script started.
#
#   ./run-local.sh                build when sources changed, start everything
#   ./run-local.sh --demo         the same, plus the demo's traffic generator once all is ready
#                                 (demo-traffic/: shoppers, sessions, late events, retries, garbage)
#   ./run-local.sh --infra-only   only Kafka + ClickHouse, e.g. to run a service from the IDE
#
# Environment overrides (defaults in brackets):
#   KAFKA_PORT [9092]  CLICKHOUSE_HTTP_PORT [8123]  CLICKHOUSE_TCP_PORT [19000]
#   INGEST_PORT [8081]  QUERY_PORT [8082]  AGGREGATOR_PORT [8083]
#   PULSE_API_KEY    the ingest dev key [a new random one per run]
#   PULSE_READ_KEY   the query API's read key, for the API, its streams and the page [a new
#                    random one per run; never the ingest key]
#   PULSE_DATA_DIR   Kafka, ClickHouse and Streams state [.local/data, relative to this
#                    directory];  PULSE_LOG_DIR  the logs [.local/logs]
#   PULSE_SKIP_BUILD=1  use the jars as they are;  JAVA_OPTS  extra flags for every JVM
#   PULSE_PIDS_FILE  if set, gets a "name pid" line per process started (scripts/bench.sh)
#   PULSE_BROKER_WARM_UP_RECORDS [1000000] records written through the broker and read back
#                    before Kafka reports ready; PULSE_AGGREGATOR_LIVE_WARM_UP_EVENTS [120000]
#                    events the aggregator runs through its topology on the broker before its
#                    stream starts; 0 turns each off; PULSE_INGEST_LIVE_WARM_UP [true] ingest's
#                    warm-up batches go through Kafka, to a topic of their own
#   PULSE_DEMO_RATE  with --demo: new events per second [200]; PULSE_DEMO_HISTORY [45m] of
#                    history replayed first, in PULSE_DEMO_CATCH_UP [60s]; more: the generator's
#                    --help (java -jar demo-traffic/target/demo-traffic-*-exec.jar --help)
set -euo pipefail

INFRA_ONLY=false
DEMO=false
case "${1:-}" in
  "") ;;
  --infra-only) INFRA_ONLY=true ;;
  --demo) DEMO=true ;;
  -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
VERSION="0.1.0-SNAPSHOT"
START_TIMEOUT=120   # seconds each process may take to become ready
STOP_TIMEOUT=30     # seconds between SIGTERM and SIGKILL

KAFKA_PORT="${KAFKA_PORT:-9092}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-19000}"
INGEST_PORT="${INGEST_PORT:-8081}"
QUERY_PORT="${QUERY_PORT:-8082}"
AGGREGATOR_PORT="${AGGREGATOR_PORT:-8083}"
LOG_DIR="$(mkdir -p "${PULSE_LOG_DIR:-$ROOT/.local/logs}" && cd "${PULSE_LOG_DIR:-$ROOT/.local/logs}" && pwd)"
PIDS_FILE="${PULSE_PIDS_FILE:-}"
DATA_DIR="$(mkdir -p "${PULSE_DATA_DIR:-$ROOT/.local/data}" && cd "${PULSE_DATA_DIR:-$ROOT/.local/data}" && pwd)"

log() { printf '[run-local] %s\n' "$*"; }
die() { printf '[run-local] %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- processes we started
NAMES=()   # parallel arrays: what we started, in start order
PIDS=()
LOGS=()

# TERM the given pids, wait up to STOP_TIMEOUT for them to exit, then KILL what is left.
stop_pids() {
  local pid deadline=$((SECONDS + STOP_TIMEOUT)) alive
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done   # may have exited already
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      log "Still running after ${STOP_TIMEOUT}s, killing: ${alive[*]}"
      # A killed launcher cannot stop its clickhouse-server: note the children before killing.
      local orphans=() child
      for pid in "${alive[@]}"; do
        for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null || true); do orphans+=("$child"); done
      done
      kill -KILL "${alive[@]}" 2>/dev/null || true
      ((${#orphans[@]} == 0)) || stop_pids "${orphans[@]}"
      break
    fi
    sleep 0.2
  done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done   # reap; their exit codes are moot now
}

stop_all() {
  ((${#PIDS[@]} == 0)) && return 0
  log "Stopping ${NAMES[*]} ..."
  # Services first (in parallel), so they close their Kafka/ClickHouse connections while those
  # still run; the local stack (always PIDS[0]) last.
  ((${#PIDS[@]} > 1)) && stop_pids "${PIDS[@]:1}"
  stop_pids "${PIDS[0]}"
  PIDS=()
  log "Everything stopped."
}

on_exit() {
  local status=$?
  trap - EXIT
  trap '' INT TERM HUP   # a second Ctrl-C must not leave half-stopped processes behind
  stop_all
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP   # the terminal went away

show_log_tail() {
  echo "----- last 40 lines of $2 -----" >&2
  tail -n 40 "$2" >&2 || true   # the log may not exist if the process never started
  echo "-----" >&2
}

# start NAME LOGFILE [VAR=value ...] -- java arguments
start_java() {
  local name="$1" logfile="$2" envs=()
  shift 2
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags on purpose
  env "${envs[@]}" "$JAVA" "${JVM_FLAGS[@]}" ${JAVA_OPTS:-} "$@" >"$logfile" 2>&1 &
  NAMES+=("$name") PIDS+=($!) LOGS+=("$logfile")
  [[ -z "$PIDS_FILE" ]] || echo "$name $!" >>"$PIDS_FILE"
}

# ---------------------------------------------------------------- checks
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# 0 when GET $1 answers 200.
http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
    return
  fi
  local rest="${1#http://}" hostport path status
  hostport="${rest%%/*}" path="/${rest#*/}"
  exec 4<>"/dev/tcp/${hostport%%:*}/${hostport##*:}" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&4
  read -r -t 2 _ status _ <&4 || status=""
  exec 4<&-
  [[ "$status" == 200 ]]
}

# await_ready INDEX WHAT COMMAND...: runs COMMAND until it succeeds; fails (showing the log) when
# process #INDEX exits first or START_TIMEOUT passes.
await_ready() {
  local index="$1" what="$2" deadline=$((SECONDS + START_TIMEOUT))
  shift 2
  until "$@"; do
    if ! kill -0 "${PIDS[index]}" 2>/dev/null; then
      show_log_tail "${NAMES[index]}" "${LOGS[index]}"
      die "${NAMES[index]} exited before $what."
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "${NAMES[index]}" "${LOGS[index]}"
      die "${NAMES[index]} is still not $what after ${START_TIMEOUT}s."
    fi
    sleep 0.2
  done
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# ---------------------------------------------------------------- 1. tools
JAVA_HOME="$("$ROOT/scripts/find-jdk.sh" 21)" || exit 1
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JAVA_MAJOR="$("$JAVA" -version 2>&1 | sed -n '1s/[^"]*"\([0-9]*\).*/\1/p')"
JVM_FLAGS=(--enable-native-access=ALL-UNNAMED)   # Kafka's compression libs, RocksDB
if ((JAVA_MAJOR >= 23)); then
  JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)   # Kafka and Scala still use sun.misc.Unsafe
fi
log "Using JDK $JAVA_MAJOR at $JAVA_HOME"
"$ROOT/scripts/ensure-clickhouse.sh"

SERVICES=(ingest-service query-api aggregator-service)
declare -A SERVICE_PORT=([ingest-service]="$INGEST_PORT" [query-api]="$QUERY_PORT" [aggregator-service]="$AGGREGATOR_PORT")
$INFRA_ONLY && SERVICES=()

declare -A PORT_OWNER=([$KAFKA_PORT]="Kafka (KAFKA_PORT)" [$CLICKHOUSE_HTTP_PORT]="ClickHouse HTTP (CLICKHOUSE_HTTP_PORT)"
  [$CLICKHOUSE_TCP_PORT]="ClickHouse TCP (CLICKHOUSE_TCP_PORT)")
for service in "${SERVICES[@]}"; do PORT_OWNER[${SERVICE_PORT[$service]}]="$service"; done
for port in "${!PORT_OWNER[@]}"; do
  if port_in_use "$port"; then
    die "Port $port for ${PORT_OWNER[$port]} is already in use (another ./run-local.sh?). Stop that or pick another port."
  fi
done

# ---------------------------------------------------------------- 2. build
jar_of() { echo "$ROOT/$1/target/$1-$VERSION-exec.jar"; }

build_if_needed() {
  local modules=(local-stack "${SERVICES[@]}") oldest="" module jar
  $DEMO && modules+=(demo-traffic)
  if [[ "${PULSE_SKIP_BUILD:-}" == 1 ]]; then return 0; fi
  for module in "${modules[@]}"; do
    jar="$(jar_of "$module")"
    if [[ ! -f "$jar" ]]; then oldest=""; break; fi
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  if [[ -n "$oldest" ]] && [[ -z "$(find "$ROOT" \( -path "$ROOT/.local" -o -path "$ROOT/.git" -o -name target -o -name node_modules \) -prune \
      -o -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$oldest" -print -quit)" ]]; then
    log "Jars are up to date; skipping the build."
    return 0
  fi
  local scope=()
  $INFRA_ONLY && scope=(-pl local-stack -am)
  log "Building: ./mvnw -q -B -DskipTests ${scope[*]} install (log: .local/logs/build.log) ..."
  if ! ./mvnw -q -B -DskipTests "${scope[@]}" install >"$LOG_DIR/build.log" 2>&1; then
    tail -n 60 "$LOG_DIR/build.log" >&2
    die "Build failed; full output in $LOG_DIR/build.log"
  fi
}

[[ -z "$PIDS_FILE" ]] || : >"$PIDS_FILE"
build_if_needed
MODULES=(local-stack "${SERVICES[@]}")
$DEMO && MODULES+=(demo-traffic)
for module in "${MODULES[@]}"; do
  [[ -f "$(jar_of "$module")" ]] || die "Missing $(jar_of "$module") after the build."
done

# ---------------------------------------------------------------- 3. Kafka + ClickHouse
log "Starting Kafka and ClickHouse (data in $DATA_DIR) ..."
start_java local-stack "$LOG_DIR/local-stack.log" \
  PULSE_DATA_DIR="$DATA_DIR" KAFKA_PORT="$KAFKA_PORT" \
  CLICKHOUSE_HTTP_PORT="$CLICKHOUSE_HTTP_PORT" CLICKHOUSE_TCP_PORT="$CLICKHOUSE_TCP_PORT" \
  -- -jar "$(jar_of local-stack)"
await_ready 0 "printing its READY line" grep -qs "^LOCAL-STACK READY" "$LOG_DIR/local-stack.log"
log "$(grep -m1 "^LOCAL-STACK READY" "$LOG_DIR/local-stack.log")"

# ---------------------------------------------------------------- 4. the services
# Two key sets: the ingest key writes, the read key reads (the query API, its streams, the page).
API_KEY="${PULSE_API_KEY:-dev-$(random_hex 16)}"
READ_KEY="${PULSE_READ_KEY:-dev-read-$(random_hex 16)}"
[[ "$READ_KEY" != "$API_KEY" ]] || die "PULSE_READ_KEY must differ from PULSE_API_KEY: ingest keys cannot read."
for service in "${SERVICES[@]}"; do
  extra=()
  case "$service" in
    # The broker is this script's own: ingest warms up through it too, on a topic of its own
    # (pulse.ingest.live-warm-up).
    ingest-service) extra=(PULSE_INGEST_API_KEYS="$API_KEY"
      PULSE_INGEST_LIVE_WARM_UP="${PULSE_INGEST_LIVE_WARM_UP:-true}") ;;
    query-api) extra=(PULSE_QUERY_AUTH_READ_KEYS="$READ_KEY") ;;
    # The broker is this script's own: the aggregator warms up through it, on throw-away topics
    # (pulse.aggregator.live-warm-up-events).
    aggregator-service) extra=(SPRING_KAFKA_STREAMS_STATE_DIR="$DATA_DIR/kafka-streams"
      PULSE_AGGREGATOR_LIVE_WARM_UP_EVENTS="${PULSE_AGGREGATOR_LIVE_WARM_UP_EVENTS:-120000}") ;;
  esac
  log "Starting $service on port ${SERVICE_PORT[$service]} ..."
  start_java "$service" "$LOG_DIR/$service.log" \
    SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    PULSE_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_HTTP_PORT" "${extra[@]}" \
    -- -jar "$(jar_of "$service")" --server.port="${SERVICE_PORT[$service]}"
done
for ((i = 1; i < ${#PIDS[@]}; i++)); do
  await_ready "$i" "answering 200 on /actuator/health" http_ok "http://127.0.0.1:${SERVICE_PORT[${NAMES[i]}]}/actuator/health"
  log "${NAMES[i]} is healthy."
done

# ---------------------------------------------------------------- 5. the demo's traffic
# Through the public ingest API with the dev key, like any client; only its rare poison record goes
# straight to Kafka (ingest refuses malformed events), so the dead-letter topic has something to show.
if $DEMO; then
  log "Starting the demo's traffic (log: ${LOG_DIR#"$ROOT"/}/demo-traffic.log) ..."
  start_java demo-traffic "$LOG_DIR/demo-traffic.log" \
    PULSE_DEMO_INGEST_URL="http://127.0.0.1:$INGEST_PORT" PULSE_DEMO_API_KEY="$API_KEY" \
    PULSE_DEMO_KAFKA="127.0.0.1:$KAFKA_PORT" \
    -- -jar "$(jar_of demo-traffic)"
  await_ready $((${#PIDS[@]} - 1)) "sending" grep -qs "Sending about" "$LOG_DIR/demo-traffic.log"
fi

# ---------------------------------------------------------------- 6. tell the user
cat <<EOF

  Pulse is running (ready in ${SECONDS} s). Logs: ${LOG_DIR#"$ROOT"/}/   Ctrl-C stops everything.

    Kafka            127.0.0.1:$KAFKA_PORT
    ClickHouse       http://127.0.0.1:$CLICKHOUSE_HTTP_PORT
EOF
if ! $INFRA_ONLY; then
  cat <<EOF
    ingest           http://127.0.0.1:$INGEST_PORT/v1/events
    query-api        http://127.0.0.1:$QUERY_PORT/v1/aggregations
    the page         http://127.0.0.1:$QUERY_PORT/?key=$READ_KEY
    aggregator       http://127.0.0.1:$AGGREGATOR_PORT/actuator/health
    ingest key       $API_KEY   (X-Api-Key on ingest; writes only)
    read key         $READ_KEY   (X-Api-Key on query-api; reads only)

EOF
  if $DEMO; then
    cat <<EOF
  Demo traffic: about ${PULSE_DEMO_RATE:-200} events/s from shoppers; the first minute replays the
  last ${PULSE_DEMO_HISTORY:-45m} of history, so windows of every kind have closed. Open the page:

    http://127.0.0.1:$QUERY_PORT/?key=$READ_KEY

EOF
  fi
  cat <<EOF
  Send an event, then read the leaderboard:

    curl -i -X POST http://127.0.0.1:$INGEST_PORT/v1/events \\
      -H 'Content-Type: application/json' -H 'X-Api-Key: $API_KEY' \\
      -d '{"eventId":"demo-$(random_hex 4)","type":"click","userId":"u1","entityId":"product-42","timestamp":"$(date -u +%Y-%m-%dT%H:%M:%SZ)"}'
    curl -H 'X-Api-Key: $READ_KEY' 'http://127.0.0.1:$QUERY_PORT/v1/leaderboards/clicks-per-entity-1m?limit=10'

EOF
fi

# ---------------------------------------------------------------- 7. run until stopped
# Any process that dies takes the platform down: half a platform only confuses.
status=0
wait -n || status=$?
for ((i = 0; i < ${#PIDS[@]}; i++)); do
  if ! kill -0 "${PIDS[i]}" 2>/dev/null; then
    show_log_tail "${NAMES[i]}" "${LOGS[i]}"
    die "${NAMES[i]} exited unexpectedly (status $status); stopping the rest."
  fi
done
wait

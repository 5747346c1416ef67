#!/usr/bin/env bash
# The end-to-end benchmark: builds if needed, starts the whole platform with ./run-local.sh on its
# own ports and a fresh data directory, and runs the driver (load-tests, io.pulse.loadtest.bench.Bench):
#   1. a raw-Kafka baseline on the same broker (plain producer, then plain consumer, fresh topic);
#   2. the latency phase: NDJSON batches of 100 at 70 % of --rate events/s + 50 top-10 queries/s,
#      warm-up, then --duration seconds measured; then it waits for the aggregator to drain;
#   3. the throughput phase: the same at --rate.
# It prints accepted and aggregated events/s, ingest, freshness and query percentiles, CPU and RSS
# of every process, and the issue's targets, and stops everything it started (also on Ctrl-C).
#
#   scripts/bench.sh [options]
#     --duration S            seconds measured per phase [60]
#     --warmup S              seconds of load before measuring, per phase [20]
#     --rate N                events/s of the throughput phase [50000]
#     --latency-percent P     the latency phase runs at P % of the rate; 0 skips it [70]
#     --query-rate N          top-10 queries/s during both phases [50]
#     --baseline-records N    records of the raw-Kafka baseline; 0 skips it [1000000]
#     --users N --entities N  distinct users (each gets a profile) and products [5000, 1000]
#     --capacity N            afterwards, write N events straight to Kafka and time how fast the
#                             aggregator and sink drain them (the aggregator's own ceiling) [0: skip]
#     --config FILE           extra Spring config for the services (e.g. fewer aggregations)
#     --jfr                   record JFR in every JVM during the throughput phase, print hot methods
#     --keep-data             keep the run's Kafka/ClickHouse data (deleted by default: gigabytes)
#     --skip-build            use the jars as they are
# Ports (env): INGEST_PORT [18081] QUERY_PORT [18082] AGGREGATOR_PORT [18083] KAFKA_PORT [19092]
#   CLICKHOUSE_HTTP_PORT [18123] CLICKHOUSE_TCP_PORT [19001]   JAVA_OPTS: flags for the platform's JVMs
# Output: the console, and .local/bench/<time>/results.txt with the logs next to it (and `processes`,
#   the pid of each process measured).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
VERSION="0.1.0-SNAPSHOT"

DURATION=60 WARMUP=20 RATE=50000 LATENCY_PERCENT=70 QUERY_RATE=50 BASELINE_RECORDS=1000000
USERS=5000 ENTITIES=1000 CAPACITY=0 CONFIG="" JFR=false KEEP_DATA=false SKIP_BUILD=false
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --latency-percent) LATENCY_PERCENT="$2"; shift ;;
    --query-rate) QUERY_RATE="$2"; shift ;;
    --baseline-records) BASELINE_RECORDS="$2"; shift ;;
    --users) USERS="$2"; shift ;;
    --entities) ENTITIES="$2"; shift ;;
    --capacity) CAPACITY="$2"; shift ;;
    --config) CONFIG="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --jfr) JFR=true ;;
    --keep-data) KEEP_DATA=true ;;
    --skip-build) SKIP_BUILD=true ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$CONFIG" || -f "$CONFIG" ]] || { echo "no such config file: $CONFIG" >&2; exit 2; }

export INGEST_PORT="${INGEST_PORT:-18081}" QUERY_PORT="${QUERY_PORT:-18082}" AGGREGATOR_PORT="${AGGREGATOR_PORT:-18083}"
export KAFKA_PORT="${KAFKA_PORT:-19092}" CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-18123}"
export CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-19001}"

RUN_DIR="$ROOT/.local/bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
log() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- cleanup, also on Ctrl-C
STACK_PID="" DRIVER_PID=""
cleanup() {
  local status=$?
  trap - EXIT
  trap '' INT TERM HUP
  if [[ -n "$DRIVER_PID" ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    wait "$DRIVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$STACK_PID" ]] && kill -0 "$STACK_PID" 2>/dev/null; then
    log "Stopping the platform ..."
    kill -TERM "$STACK_PID" 2>/dev/null || true   # run-local.sh stops its services, Kafka and ClickHouse
    local deadline=$((SECONDS + 120))
    while kill -0 "$STACK_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    if kill -0 "$STACK_PID" 2>/dev/null; then
      log "run-local.sh did not stop within 120 s; killing what it started"
      local name pid
      while read -r name pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$RUN_DIR/pids"
      kill -KILL "$STACK_PID" 2>/dev/null || true
    fi
    wait "$STACK_PID" 2>/dev/null || true
  fi
  if ! $KEEP_DATA; then rm -rf "$RUN_DIR/data"; fi
  ((status == 0)) || log "Failed (status $status); logs in ${RUN_DIR#"$ROOT"/}/logs"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------- build
JAVA_HOME="$("$ROOT/scripts/find-jdk.sh" 21)" || exit 1
export JAVA_HOME
JARS=(local-stack ingest-service query-api aggregator-service)
CLASSPATH_FILE="$ROOT/load-tests/target/bench-classpath.txt"
stale() {
  local artifacts=("$CLASSPATH_FILE") module oldest=""
  for module in "${JARS[@]}"; do artifacts+=("$ROOT/$module/target/$module-$VERSION-exec.jar"); done
  for f in "${artifacts[@]}"; do
    [[ -f "$f" ]] || return 0
    if [[ -z "$oldest" || "$f" -ot "$oldest" ]]; then oldest="$f"; fi
  done
  [[ -n "$(find "$ROOT" \( -path "$ROOT/.local" -o -path "$ROOT/.git" -o -name target -o -name node_modules \) -prune \
      -o -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$oldest" -print -quit)" ]]
}
if ! $SKIP_BUILD && stale; then
  log "Building: ./mvnw -q -B -DskipTests install (log: ${RUN_DIR#"$ROOT"/}/build.log) ..."
  ./mvnw -q -B -DskipTests install >"$RUN_DIR/build.log" 2>&1 || { tail -n 60 "$RUN_DIR/build.log" >&2; die "Build failed"; }
fi
[[ -f "$CLASSPATH_FILE" ]] || die "Missing $CLASSPATH_FILE: build first (drop --skip-build)."

# ---------------------------------------------------------------- start the platform
API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
READ_KEY="bench-read-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
log "Starting the platform (./run-local.sh; logs in ${RUN_DIR#"$ROOT"/}/logs) ..."
(
  export PULSE_API_KEY="$API_KEY" PULSE_READ_KEY="$READ_KEY" PULSE_SKIP_BUILD=1 PULSE_DATA_DIR="$RUN_DIR/data" PULSE_LOG_DIR="$RUN_DIR/logs"
  export PULSE_PIDS_FILE="$RUN_DIR/pids"
  [[ -z "$CONFIG" ]] || export SPRING_CONFIG_ADDITIONAL_LOCATION="file:$CONFIG"
  exec ./run-local.sh
) >"$RUN_DIR/run-local.out" 2>&1 &
STACK_PID=$!
deadline=$((SECONDS + 300))
until grep -qs "Pulse is running" "$RUN_DIR/run-local.out"; do
  kill -0 "$STACK_PID" 2>/dev/null || { tail -n 40 "$RUN_DIR/run-local.out" >&2; die "run-local.sh exited before the platform was ready."; }
  ((SECONDS < deadline)) || { tail -n 40 "$RUN_DIR/run-local.out" >&2; die "The platform was not ready after 300 s."; }
  sleep 0.5
done
log "Platform ready."

PROCESS_ARGS=()
while read -r name pid; do
  PROCESS_ARGS+=(--process "$name=$pid")
  if [[ "$name" == local-stack ]]; then
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      if [[ "$(cat /proc/"$child"/comm 2>/dev/null)" == clickhouse* ]]; then PROCESS_ARGS+=(--process "clickhouse-server=$child"); fi
    done
  fi
done <"$RUN_DIR/pids"
# The processes measured, "name pid" per line, for tools run beside the bench (scripts/runqueue.py).
for arg in "${PROCESS_ARGS[@]}"; do [[ "$arg" == --process ]] || echo "${arg/=/ }"; done >"$RUN_DIR/processes"

# ---------------------------------------------------------------- drive the load
DRIVER_ARGS=(--ingest-url "http://127.0.0.1:$INGEST_PORT" --query-url "http://127.0.0.1:$QUERY_PORT"
  --aggregator-url "http://127.0.0.1:$AGGREGATOR_PORT" --clickhouse-url "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT"
  --bootstrap "127.0.0.1:$KAFKA_PORT" --api-key "$API_KEY" --read-key "$READ_KEY" --rate "$RATE" --latency-rate-percent "$LATENCY_PERCENT"
  --warmup "$WARMUP" --duration "$DURATION" --query-rate "$QUERY_RATE" --baseline-records "$BASELINE_RECORDS"
  --users "$USERS" --entities "$ENTITIES" --capacity-records "$CAPACITY" --clock-ticks "$(getconf CLK_TCK)" "${PROCESS_ARGS[@]}")
$JFR && DRIVER_ARGS+=(--jfr-dir "$RUN_DIR/jfr")
{
  echo "Pulse benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
    "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1);" "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -z "$CONFIG" ]] || echo "extra service config: $CONFIG"
} | tee "$RUN_DIR/results.txt"
"$JAVA_HOME/bin/java" -Xms256m -Xmx768m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/load-tests/target/classes:$(cat "$CLASSPATH_FILE")" io.pulse.loadtest.bench.Bench "${DRIVER_ARGS[@]}" \
  > >(tee -a "$RUN_DIR/results.txt") 2>"$RUN_DIR/driver.err" &
DRIVER_PID=$!
echo "load-generator $DRIVER_PID" >>"$RUN_DIR/processes"
wait "$DRIVER_PID" || { tail -n 30 "$RUN_DIR/driver.err" >&2; die "The benchmark driver failed."; }
DRIVER_PID=""

if $JFR; then
  for recording in "$RUN_DIR"/jfr/*.jfr; do
    [[ -f "$recording" ]] || continue
    { echo; echo "== hot methods: $(basename "$recording" .jfr) (JFR execution samples, throughput phase) =="
      "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$recording" 2>&1 | sed -n '4,22p'; } | tee -a "$RUN_DIR/results.txt"
  done
fi
log "Results: ${RUN_DIR#"$ROOT"/}/results.txt"

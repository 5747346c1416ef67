#!/usr/bin/env bash
# The whole test suite, on a fresh machine: finds a JDK >= 21, installs clickhouse-server and
# Chromium (for the browser test) when they are missing (Debian/Ubuntu), then builds every module
# and runs unit, integration and end-to-end tests against a real Kafka broker and a real
# ClickHouse. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

JAVA_HOME="$(scripts/find-jdk.sh)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
scripts/ensure-clickhouse.sh
scripts/ensure-chromium.sh

started=$(date +%s)
./mvnw -B -ntp verify "$@"
echo "Test suite passed in $(( $(date +%s) - started )) s"

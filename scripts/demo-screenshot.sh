#!/usr/bin/env bash
# Regenerates the README's picture of the demo: builds what the end-to-end tests need, then runs
# DemoTrafficIT (the platform with the demo's traffic, about three minutes), which opens the page in
# headless Chromium once the board is full and saves the screenshot.
#
#   scripts/demo-screenshot.sh          writes docs/images/demo-leaderboard.png
#   scripts/demo-screenshot.sh FILE     writes FILE instead
set -euo pipefail

case "${1:-}" in
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="$(realpath -m "${1:-docs/images/demo-leaderboard.png}")"
JAVA_HOME="$(scripts/find-jdk.sh)"
export JAVA_HOME
scripts/ensure-clickhouse.sh
scripts/ensure-chromium.sh

./mvnw -B -ntp -q -pl e2e-tests -am install -DskipTests
./mvnw -B -ntp -pl e2e-tests verify -Dit.test=DemoTrafficIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dpulse.demo.screenshot="$target"
[[ -s "$target" ]] || { echo "no screenshot at $target: see e2e-tests/target/failsafe-reports/" >&2; exit 1; }
echo "Screenshot of the demo: $target"

#!/usr/bin/env bash
# The correctness oracle from the shell: recounts every aggregation from the raw events for
# windows starting in [FROM, TO) and compares with the final window rows (GET /actuator/oracle on
# the aggregator); windows the watermark has not closed yet are reported as pending. Prints the report as JSON; exits 1 when any event was lost or double-counted
# or any final row differs from the recount.
#
#   scripts/oracle.sh 2026-01-31T12:00:00Z 2026-01-31T13:00:00Z [AGGREGATION]
#   AGGREGATOR_URL [http://127.0.0.1:8083]
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
url="${AGGREGATOR_URL:-http://127.0.0.1:${AGGREGATOR_PORT:-8083}}/actuator/oracle"
args=(--get --silent --show-error --fail-with-body --data-urlencode "from=$1" --data-urlencode "to=$2")
if [[ $# -eq 3 ]]; then
  args+=(--data-urlencode "aggregation=$3")
fi
report="$(curl "${args[@]}" "$url")"
echo "$report"
# The totals are top-level numbers; a report is exact when all three are 0.
for field in lostEvents doubleCountedEvents differingWindows; do
  if ! grep -q "\"$field\":0[,}]" <<<"$report"; then
    echo "oracle: $field is not 0" >&2
    exit 1
  fi
done

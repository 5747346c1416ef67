#!/bin/bash
# Creates every topic listed in $TOPICS_FILE (name, partitions, cleanup.policy) on $BOOTSTRAP_SERVERS with
# $REPLICATION_FACTOR replicas; existing topics are left alone. Runs in the apache/kafka image (docker compose
# service kafka-init) before any Pulse service starts. The services declare the same topics from contracts'
# Topics at start-up, so this only makes the start order irrelevant.
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS, e.g. kafka:19092}"
: "${TOPICS_FILE:?set TOPICS_FILE}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh

while read -r name partitions policy extra; do
  [[ -z "${name}" || "${name}" == \#* ]] && continue
  if [[ -z "${partitions}" || -z "${policy}" || -n "${extra:-}" ]]; then
    echo "create-topics: bad line in ${TOPICS_FILE}: ${name} ${partitions} ${policy} ${extra:-}" >&2
    exit 1
  fi
  echo "create-topics: ${name} (partitions=${partitions}, cleanup.policy=${policy}, replicas=${REPLICATION_FACTOR})"
  "${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" --create --if-not-exists \
    --topic "${name}" --partitions "${partitions}" --replication-factor "${REPLICATION_FACTOR}" \
    --config "cleanup.policy=${policy}"
done < "${TOPICS_FILE}"

echo "create-topics: done"
"${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" --list

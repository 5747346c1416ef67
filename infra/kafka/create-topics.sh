#!/bin/bash
# Creates every topic listed in $TOPICS_FILE (name, partitions, cleanup.policy, retention.ms) on $BOOTSTRAP_SERVERS
# with $REPLICATION_FACTOR replicas; a topic that exists already keeps its partitions but gets the listed
# cleanup.policy and retention.ms, so an older deployment's topics stop growing forever. Runs in the apache/kafka
# image (docker compose service kafka-init) before any Pulse service starts. The services declare the same topics
# from contracts' Topics at start-up, so this only makes the start order irrelevant.
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS, e.g. kafka:19092}"
: "${TOPICS_FILE:?set TOPICS_FILE}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh
KAFKA_CONFIGS=/opt/kafka/bin/kafka-configs.sh

while read -r name partitions policy retention extra; do
  [[ -z "${name}" || "${name}" == \#* ]] && continue
  if [[ -z "${partitions}" || -z "${policy}" || -z "${retention}" || -n "${extra:-}" ]]; then
    echo "create-topics: bad line in ${TOPICS_FILE}: ${name} ${partitions} ${policy} ${retention} ${extra:-}" >&2
    exit 1
  fi
  echo "create-topics: ${name} (partitions=${partitions}, cleanup.policy=${policy}, retention.ms=${retention}," \
    "replicas=${REPLICATION_FACTOR})"
  "${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" --create --if-not-exists \
    --topic "${name}" --partitions "${partitions}" --replication-factor "${REPLICATION_FACTOR}" \
    --config "cleanup.policy=${policy}" --config "retention.ms=${retention}"
  "${KAFKA_CONFIGS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" --alter --entity-type topics --entity-name "${name}" \
    --add-config "cleanup.policy=${policy},retention.ms=${retention}"
done < "${TOPICS_FILE}"

echo "create-topics: done"
"${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" --list

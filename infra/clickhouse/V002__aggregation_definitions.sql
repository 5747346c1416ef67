-- The aggregations the aggregator runs, published at its start-up so the query API can list and
-- allow-list them without a second copy of the configuration.
CREATE TABLE IF NOT EXISTS aggregation_definitions
(
    name          String,
    definition    String,
    updated_at_ms Int64
)
ENGINE = ReplacingMergeTree(updated_at_ms)
ORDER BY name;

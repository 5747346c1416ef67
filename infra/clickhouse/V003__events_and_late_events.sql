-- The raw, enriched record: one row per eventId (duplicates collapse on merge; readers that need
-- exactness use FINAL or uniqExact(event_id)). The reliability oracle recounts windows from here.
CREATE TABLE IF NOT EXISTS events
(
    event_id       String,
    type           String,
    user_id        String,
    entity_id      String,
    value          Nullable(Float64),
    event_time_ms  Int64,
    country        String,
    plan           String,
    property_keys   Array(String),
    property_values Array(String),
    received_at_ms Int64,
    inserted_at    DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(toDateTime(intDiv(event_time_ms, 1000)))
ORDER BY (event_time_ms, event_id);

-- Events that missed their window for one aggregation (behind its watermark), with the reason.
CREATE TABLE IF NOT EXISTS late_events
(
    aggregation    String,
    event_id       String,
    event_time_ms  Int64,
    watermark_ms   Int64,
    reason         String,
    recorded_at_ms Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(toDateTime(intDiv(event_time_ms, 1000)))
ORDER BY (aggregation, event_time_ms, event_id);

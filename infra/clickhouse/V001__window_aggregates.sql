-- One row per version of a window's value. ReplacingMergeTree keeps, per sorting key, the row with
-- the highest revision, so re-delivered or replayed rows never double-count: readers use FINAL (or
-- argMax by revision) and always see the latest version. Times are epoch millis (Int64) because
-- sliding and session windows have millisecond bounds and DateTime64 is not in every ClickHouse.
CREATE TABLE IF NOT EXISTS window_aggregates
(
    aggregation     String,
    window_start_ms Int64,
    window_end_ms   Int64,
    group_key       String,
    type            String,
    country         String,
    plan            String,
    event_count     UInt64,
    value           Float64,
    revision        UInt64,
    is_final        UInt8,
    retracted       UInt8,
    watermark_ms    Int64,
    emitted_at_ms   Int64,
    inserted_at     DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(toDateTime(intDiv(window_start_ms, 1000)))
ORDER BY (aggregation, window_start_ms, window_end_ms, group_key, type, country, plan);

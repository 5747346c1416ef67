-- Per aggregation: the watermark (newest stream time written) and the newest window start, overall
-- and among final rows. ClickHouse keeps it up to date on every insert into window_aggregates, so
-- the query API reads one small row instead of scanning every row of an aggregation (neither
-- watermark_ms nor is_final is in window_aggregates' sorting key): that scan, repeated for the
-- status of every board, measured 30-400 ms over 2 M rows and set the leaderboard's tail latency.
-- Read with maxMerge(...) ... WHERE aggregation = ?; POPULATE fills it from existing rows once.
-- Aliases differ from the column names on purpose (18.16 takes maxState(x) AS x for a cycle).
CREATE MATERIALIZED VIEW IF NOT EXISTS aggregation_progress
ENGINE = AggregatingMergeTree()
ORDER BY aggregation
POPULATE AS
SELECT aggregation,
       maxState(watermark_ms) AS watermark,
       maxState(window_start_ms) AS newest_start,
       maxState(if(is_final = 1, window_start_ms, toInt64(0))) AS newest_closed_start
FROM window_aggregates
GROUP BY aggregation;

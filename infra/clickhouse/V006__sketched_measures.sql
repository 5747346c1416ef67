-- Measures that combine across windows: valued is how many of a row's events carried a value (an
-- average's weight), sketch the row's sketch (base64) for percentiles and approx-distinct-users,
-- which the query API merges over ranges. Existing rows read 0 and ''.
ALTER TABLE window_aggregates ADD COLUMN valued UInt64 DEFAULT 0;
ALTER TABLE window_aggregates ADD COLUMN sketch String DEFAULT '';

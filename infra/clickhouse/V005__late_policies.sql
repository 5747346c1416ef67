-- Late policies (late: amend | side): a final window a late event reopened is marked amended, and
-- late events counted beside a window's value are its late_count. Existing rows read 0 for both.
ALTER TABLE window_aggregates ADD COLUMN amended UInt8 DEFAULT 0;
ALTER TABLE window_aggregates ADD COLUMN late_count UInt64 DEFAULT 0;

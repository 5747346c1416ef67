package io.pulse.query.status;

import java.time.Instant;

/**
 * What every response says about its aggregation's progress.
 *
 * @param watermark  the aggregation's watermark (latest stream time minus grace) when its newest
 *                   row was emitted; windows ending before it are closed. Null before any row.
 * @param lateEvents events that arrived behind the watermark and were left out of their window
 */
public record AggregationStatus(Instant watermark, long lateEvents) {

  static final AggregationStatus NONE = new AggregationStatus(null, 0);
}

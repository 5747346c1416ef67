package io.pulse.aggregator.oracle;

import java.time.Instant;
import java.util.List;

/** The oracle's answer for [from, to): per aggregation, and the totals the metrics publish. */
public record OracleReport(Instant from, Instant to, Instant checkedAt, long lostEvents, long doubleCountedEvents,
    long lateEvents, long pendingWindows, long pendingEvents, long differingWindows, List<AggregationCheck> aggregations) {

  static OracleReport of(Instant from, Instant to, Instant checkedAt, List<AggregationCheck> checks) {
    return new OracleReport(from, to, checkedAt,
        checks.stream().mapToLong(AggregationCheck::lostEvents).sum(),
        checks.stream().mapToLong(AggregationCheck::doubleCountedEvents).sum(),
        checks.stream().mapToLong(AggregationCheck::lateEvents).sum(),
        checks.stream().mapToLong(AggregationCheck::pendingWindows).sum(),
        checks.stream().mapToLong(AggregationCheck::pendingEvents).sum(),
        checks.stream().mapToLong(c -> c.differences().size()).sum(),
        checks);
  }

  /** Nothing lost, nothing counted twice, every compared final row equal to the recount (pending windows are not judged). */
  public boolean exact() {
    return lostEvents == 0 && doubleCountedEvents == 0 && differingWindows == 0;
  }
}

package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.EnrichedEvent;

/**
 * The running state of one window for one group. {@code revision} grows with every change, so the
 * sink's ReplacingMergeTree keeps the newest version whatever order rows arrive in. {@code users}
 * is only filled for distinct-user aggregations; {@code lastReceivedMs} is when ingest accepted the
 * newest event counted, the start of the freshness measurement.
 */
record WindowAccumulator(long count, double sum, DistinctUsers users, long revision, long lastReceivedMs) {

  static final WindowAccumulator EMPTY = new WindowAccumulator(0, 0, DistinctUsers.NONE, 0, 0);

  WindowAccumulator add(EnrichedEvent event, Measure measure) {
    Double value = event.event().value();
    DistinctUsers seen = measure == Measure.DISTINCT_USERS ? users.with(event.event().userId()) : users;
    return new WindowAccumulator(count + 1, sum + (value == null ? 0 : value), seen, revision + 1,
        Math.max(lastReceivedMs, event.receivedAt().toEpochMilli()));
  }

  /** Two sessions bridged by a new event become one; its revision outranks both. */
  WindowAccumulator merge(WindowAccumulator other) {
    return new WindowAccumulator(count + other.count, sum + other.sum, users.union(other.users), revision + other.revision + 1,
        Math.max(lastReceivedMs, other.lastReceivedMs));
  }

  double value(Measure measure) {
    return switch (measure) {
      case COUNT -> count;
      case SUM -> sum;
      case DISTINCT_USERS -> users.size();
    };
  }
}

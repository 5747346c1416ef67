package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.Measure;

/**
 * The running state of one window for one group. {@code revision} grows with every change, so the
 * sink's ReplacingMergeTree keeps the newest version whatever order rows arrive in. {@code users}
 * is only filled for distinct-user aggregations; {@code lastReceivedMs} is when ingest accepted the
 * newest event counted, the start of the freshness measurement; {@code counted} marks which events
 * the value includes, so a replayed one is not counted twice.
 */
record WindowAccumulator(long count, double sum, DistinctUsers users, long revision, long lastReceivedMs, SourceOffsets counted) {

  static final WindowAccumulator EMPTY = new WindowAccumulator(0, 0, DistinctUsers.NONE, 0, 0, SourceOffsets.NONE);

  WindowAccumulator {
    counted = counted == null ? SourceOffsets.NONE : counted; // state written as JSON by earlier versions
  }

  /** A value that records no positions (tests, and values from before positions were recorded). */
  WindowAccumulator(long count, double sum, DistinctUsers users, long revision, long lastReceivedMs) {
    this(count, sum, users, revision, lastReceivedMs, SourceOffsets.NONE);
  }

  WindowAccumulator add(SourcedEvent sourced, Measure measure) {
    if (counted.includes(sourced.source())) {
      return this; // at-least-once replayed a record this value already counts
    }
    var event = sourced.event();
    Double value = event.event().value();
    DistinctUsers seen = measure == Measure.DISTINCT_USERS ? users.with(event.event().userId()) : users;
    return new WindowAccumulator(count + 1, sum + (value == null ? 0 : value), seen, revision + 1,
        Math.max(lastReceivedMs, event.receivedAt().toEpochMilli()), counted.with(sourced.source()));
  }

  /** Two sessions bridged by a new event become one; its revision outranks both. */
  WindowAccumulator merge(WindowAccumulator other) {
    return new WindowAccumulator(count + other.count, sum + other.sum, users.union(other.users), revision + other.revision + 1,
        Math.max(lastReceivedMs, other.lastReceivedMs), counted.union(other.counted));
  }

  double value(Measure measure) {
    return switch (measure) {
      case COUNT -> count;
      case SUM -> sum;
      case DISTINCT_USERS -> users.size();
    };
  }
}

package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.EnrichedEvent;

/**
 * The running state of one window for one group. {@code revision} grows with every change, so the
 * sink's ReplacingMergeTree keeps the newest version whatever order rows arrive in.
 */
record WindowAccumulator(long count, double sum, long revision) {

  static final WindowAccumulator EMPTY = new WindowAccumulator(0, 0, 0);

  WindowAccumulator add(EnrichedEvent event) {
    Double value = event.event().value();
    return new WindowAccumulator(count + 1, sum + (value == null ? 0 : value), revision + 1);
  }

  /** Two sessions bridged by a new event become one; its revision outranks both. */
  WindowAccumulator merge(WindowAccumulator other) {
    return new WindowAccumulator(count + other.count, sum + other.sum, revision + other.revision + 1);
  }

  double value(Measure measure) {
    return switch (measure) {
      case COUNT -> count;
      case SUM -> sum;
      case DISTINCT_USERS -> throw new UnsupportedOperationException("distinct users is not computed yet");
    };
  }
}

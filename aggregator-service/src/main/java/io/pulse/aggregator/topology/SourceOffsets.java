package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcePosition;
import java.util.Arrays;

/**
 * For each partition of the events topic, the highest offset among the events a window value
 * counts. Records of one partition reach a window in offset order, so a value that has seen offset
 * 90 of partition 2 already counts every event of its key from partition 2 up to offset 90: an
 * event at or below that mark is a replay and must not be counted again. This is what makes the
 * aggregation idempotent under at-least-once processing. A few longs per group, owned by its
 * {@link GroupState} and moved in place with every event it processes (a copy per event cost more
 * than the check).
 */
final class SourceOffsets {

  /** Index: partition; value: highest offset counted, or -1. */
  private long[] highest;

  SourceOffsets() {
    this(new long[0]);
  }

  private SourceOffsets(long[] highest) {
    this.highest = highest;
  }

  static SourceOffsets of(long[] highest) {
    return new SourceOffsets(highest.clone());
  }

  boolean includes(SourcePosition position) {
    return position.known() && position.partition() < highest.length && highest[position.partition()] >= position.offset();
  }

  /** Marks {@code position} processed (an unknown position marks nothing). */
  void add(SourcePosition position) {
    if (!position.known() || includes(position)) {
      return;
    }
    if (position.partition() >= highest.length) {
      int from = highest.length;
      highest = Arrays.copyOf(highest, position.partition() + 1);
      Arrays.fill(highest, from, highest.length, -1);
    }
    highest[position.partition()] = position.offset();
  }

  long[] toArray() {
    return highest.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceOffsets offsets && Arrays.equals(highest, offsets.highest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(highest);
  }

  @Override
  public String toString() {
    return Arrays.toString(highest);
  }
}

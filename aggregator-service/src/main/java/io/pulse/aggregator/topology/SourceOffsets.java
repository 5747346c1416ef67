package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcePosition;
import java.util.Arrays;

/**
 * For each partition of the events topic, the highest offset among the events a window value
 * counts. Records of one partition reach a window in offset order, so a value that has seen offset
 * 90 of partition 2 already counts every event of its key from partition 2 up to offset 90: an
 * event at or below that mark is a replay and must not be counted again. This is what makes the
 * aggregation idempotent under at-least-once processing. Immutable; a few longs per window.
 */
final class SourceOffsets {

  static final SourceOffsets NONE = new SourceOffsets(new long[0]);

  /** Index: partition; value: highest offset counted, or -1. */
  private final long[] highest;

  private SourceOffsets(long[] highest) {
    this.highest = highest;
  }

  static SourceOffsets of(long[] highest) {
    return highest.length == 0 ? NONE : new SourceOffsets(highest.clone());
  }

  boolean includes(SourcePosition position) {
    return position.known() && position.partition() < highest.length && highest[position.partition()] >= position.offset();
  }

  SourceOffsets with(SourcePosition position) {
    if (!position.known() || includes(position)) {
      return this;
    }
    long[] next = grown(highest, position.partition() + 1);
    next[position.partition()] = position.offset();
    return new SourceOffsets(next);
  }

  /** Two merged sessions count the events of both. */
  SourceOffsets union(SourceOffsets other) {
    if (other.highest.length == 0) {
      return this;
    }
    long[] next = grown(highest, other.highest.length);
    for (int partition = 0; partition < other.highest.length; partition++) {
      next[partition] = Math.max(next[partition], other.highest[partition]);
    }
    return new SourceOffsets(next);
  }

  long[] toArray() {
    return highest.clone();
  }

  private static long[] grown(long[] values, int length) {
    long[] next = Arrays.copyOf(values, Math.max(values.length, length));
    Arrays.fill(next, values.length, next.length, -1);
    return next;
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

package io.pulse.aggregator.events;

/**
 * Where an event was read from: its partition and offset in the events topic. Under at-least-once
 * processing a crash replays the records after the last commit, and a replayed record comes back
 * with the same position, which is how a window value recognises an event it already counts.
 */
public record SourcePosition(int partition, long offset) {

  /** An event whose record carried no metadata (a punctuation's forward, or a test driver without offsets). */
  public static final SourcePosition UNKNOWN = new SourcePosition(-1, -1);

  public boolean known() {
    return partition >= 0;
  }

  /** Partition and offset in one long (offsets below 2^47, partitions below 2^16). */
  public long packed() {
    return ((long) partition << 47) | offset;
  }
}

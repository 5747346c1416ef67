package io.pulse.aggregator.topology;

/**
 * What a task that pre-aggregates a dimension sends to the task that owns each of its values
 * ({@link PartialMerger}): its partition's version of a window, and its partition's stream time.
 * A dimension with few values (country, plan) is not shuffled event by event: each source task
 * counts its own partition's events per window and sends what changed at its ticks.
 */
sealed interface Partial {

  /**
   * One source partition's value of one window of one group. It replaces that partition's older
   * versions (a higher {@code version}: the source group's revision), so a replay after a crash,
   * which sends the same or older versions again, changes nothing.
   */
  record Window(int aggregation, String group, long start, long end, int partition, long version, boolean amended,
      Slot value) implements Partial {}

  /**
   * A source partition's stream time, sent to every partition of the shuffle at every tick after
   * that tick's windows: once all partitions' stream times less grace pass a window's close, every
   * partition has sent its last on-time version of it.
   */
  record Watermark(int partition, long streamTime) implements Partial {}
}

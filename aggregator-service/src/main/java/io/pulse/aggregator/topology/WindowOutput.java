package io.pulse.aggregator.topology;

/**
 * Where an aggregation's window versions go: as rows to {@code window-results} ({@link WindowRows}),
 * or, for a pre-aggregated dimension, as one source partition's partial to the task that adds the
 * partitions up ({@link WindowPartials}). Revisions grow with every version of a window.
 */
interface WindowOutput {

  void provisional(GroupKey group, long start, long end, Slot value, long revision, long watermark);

  /** The window's version once it closed (amended: a late event reopened it). */
  void finalRow(GroupKey group, long start, long end, Slot value, long revision, boolean amended, long watermark);

  /** Sessions only: see {@link WindowRows#moveSpan}. */
  default boolean moveSpan(GroupKey group, Slot session, long watermark) {
    return false;
  }

  /** Sessions only: see {@link WindowRows#retractIfEmitted}. */
  default void retractIfEmitted(GroupKey group, Slot mergedAway, long watermark) {}
}

package io.pulse.contracts.aggregation;

/**
 * What an aggregation does with an event behind its watermark that is still within its
 * {@code allowed-lateness}: the three answers to a late event (drop it, count it apart, recompute
 * the window). Beyond the allowed lateness every event is recorded as late.
 */
public enum LatePolicy {
  /** Not counted; recorded in events-late with the reason (the default). */
  RECORD,
  /** Counted into its closed window: a new final revision of the window, marked amended. */
  AMEND,
  /** Counted apart, in the window's late count beside its on-time value (tumbling and hopping windows). */
  SIDE
}

package io.pulse.contracts.aggregation;

/** What an aggregation computes per window and group. */
public enum Measure {
  COUNT,
  /** Sum of the events' {@code value}; events without a value add nothing. */
  SUM,
  DISTINCT_USERS,
  /** Mean of the events' {@code value}, over the events that have one (0 when none has). */
  AVG,
  /** Smallest {@code value} (0 when no event has one). */
  MIN,
  /** Largest {@code value} (0 when no event has one). */
  MAX
}

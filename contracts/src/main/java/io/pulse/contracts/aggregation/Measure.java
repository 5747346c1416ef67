package io.pulse.contracts.aggregation;

/** What an aggregation computes per window and group. */
public enum Measure {
  COUNT,
  /** Sum of the events' {@code value}; events without a value add nothing. */
  SUM,
  DISTINCT_USERS
}

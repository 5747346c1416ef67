package io.pulse.contracts.aggregation;

/** When window rows are emitted. */
public enum EmitMode {
  /** A provisional row after every update (at most one per emit interval), then a final one. */
  UPDATES,
  /** Exactly one row per window and group, once it is final. */
  FINAL
}

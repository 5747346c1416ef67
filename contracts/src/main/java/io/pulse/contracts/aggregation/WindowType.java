package io.pulse.contracts.aggregation;

/** The four ways to cut an infinite stream into finite windows. */
public enum WindowType {
  /** Fixed size, back to back: 12:00-12:01, 12:01-12:02. */
  TUMBLING,
  /** Fixed size, starting every {@code advance}: overlapping windows. */
  HOPPING,
  /** Fixed size, defined by the events themselves: "the last 5 minutes" around each event. */
  SLIDING,
  /** Variable size: activity separated by more than {@code gap} of silence ends a session. */
  SESSION
}

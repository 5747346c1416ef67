package io.pulse.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One version of one window's value for one group. Newer versions carry a higher {@code revision};
 * readers keep the highest. {@code final} turns true once the window's end plus grace has passed in
 * stream time: no event can change it any more.
 *
 * @param aggregation the declared aggregation's name
 * @param groupKey    the value of the group-by dimension (e.g. an entityId)
 * @param type        the event type when the aggregation splits by type, else ""
 * @param country     the user's country when split by country, else ""
 * @param plan        the user's plan when split by plan, else ""
 * @param count       events counted into this window
 * @param value       the aggregation's measure (count, sum of value, distinct users)
 * @param revision    monotonic per (aggregation, window, group)
 * @param isFinal     the window is closed (JSON {@code final})
 * @param retracted   the window no longer exists (a session merged into a larger one)
 * @param watermark   the aggregation's watermark when this version was emitted
 * @param lastReceivedAt when ingest accepted the newest event in this version (freshness starts there)
 * @param amended     a final window that a late event reopened ({@code late: amend}): a newer final revision
 * @param lateCount   late events counted beside the window ({@code late: side}), not in its value
 * @param valued      events counted that carried a value: an average's weight when windows combine
 * @param sketch      sketched measures only: the window's sketch (base64), which windows and groups merge by; else ""
 */
public record WindowResult(
    String aggregation,
    Instant windowStart,
    Instant windowEnd,
    String groupKey,
    String type,
    String country,
    String plan,
    long count,
    double value,
    long revision,
    @JsonProperty("final") boolean isFinal,
    boolean retracted,
    Instant watermark,
    Instant lastReceivedAt,
    Instant emittedAt,
    boolean amended,
    long lateCount,
    long valued,
    String sketch) {

  public WindowResult {
    sketch = sketch == null ? "" : sketch;
  }

  /** A version of a window that no late event changed. */
  public WindowResult(String aggregation, Instant windowStart, Instant windowEnd, String groupKey, String type, String country,
      String plan, long count, double value, long revision, boolean isFinal, boolean retracted, Instant watermark,
      Instant lastReceivedAt, Instant emittedAt) {
    this(aggregation, windowStart, windowEnd, groupKey, type, country, plan, count, value, revision, isFinal, retracted,
        watermark, lastReceivedAt, emittedAt, false, 0, 0, "");
  }

  /** A version of a window of a measure kept without a sketch. */
  public WindowResult(String aggregation, Instant windowStart, Instant windowEnd, String groupKey, String type, String country,
      String plan, long count, double value, long revision, boolean isFinal, boolean retracted, Instant watermark,
      Instant lastReceivedAt, Instant emittedAt, boolean amended, long lateCount) {
    this(aggregation, windowStart, windowEnd, groupKey, type, country, plan, count, value, revision, isFinal, retracted,
        watermark, lastReceivedAt, emittedAt, amended, lateCount, 0, "");
  }

  /** The revision of a retraction: the window can never come back, so it outranks every other row of it. */
  public static final long RETRACTED_REVISION = Long.MAX_VALUE;
}

package io.pulse.query.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.status.AggregationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The top-N of one window, or of a tumbling range's windows combined. {@code final} is true when every
 * entry's window is closed (a range: when every window in it is final); a provisional board may still change. {@code amended} is true when any entry is (see {@link Entry}).
 *
 * @param window     how the window was chosen: current, closed, at (an explicit windowStart), or range (from/to or
 *                   last: windowStart..windowEnd spans every window combined)
 * @param watermark  the aggregation's watermark: windows ending before it are closed
 * @param lateEvents events that arrived behind the watermark and were left out
 * @param relativeError sketched measures only: how far a value may lie from the exact answer, relative to it
 */
public record Leaderboard(
    String aggregation,
    WindowType windowType,
    String window,
    Instant windowStart,
    Instant windowEnd,
    @JsonProperty("final") boolean isFinal,
    boolean amended,
    Instant watermark,
    long lateEvents,
    List<Entry> entries,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double relativeError) {

  /** A board of an exact measure. */
  public Leaderboard(String aggregation, WindowType windowType, String window, Instant windowStart, Instant windowEnd,
      boolean isFinal, boolean amended, Instant watermark, long lateEvents, List<Entry> entries) {
    this(aggregation, windowType, window, windowStart, windowEnd, isFinal, amended, watermark, lateEvents, entries, null);
  }

  /** This board with its measure's stated error and entries (a sketched measure's). */
  Leaderboard sketched(double error, List<Entry> sketchedEntries) {
    return new Leaderboard(aggregation, windowType, window, windowStart, windowEnd, isFinal, amended, watermark, lateEvents,
        sketchedEntries, error);
  }

  /**
   * One ranked group, from the newest revision of each of its rows. {@code revision} is the sum of
   * those newest revisions over the group's facet rows (and a range's windows), so it grows with every change
   * of the group.
   *
   * @param amended   a late event reopened this final window ({@code late: amend}) in any of the group's
   *                  rows: the value includes it
   * @param lateCount late events counted beside the value ({@code late: side}), summed over the
   *                  group's rows; the value leaves them out
   * @param percentiles measure percentiles only: each declared percentile's value ("p95"), from the group's sketch;
   *                  {@code value} is the first of them
   */
  public record Entry(
      int rank,
      String key,
      double value,
      long count,
      long revision,
      @JsonProperty("final") boolean isFinal,
      boolean amended,
      long lateCount,
      Instant windowStart,
      Instant windowEnd,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> percentiles) {

    public Entry(int rank, String key, double value, long count, long revision, boolean isFinal, boolean amended,
        long lateCount, Instant windowStart, Instant windowEnd) {
      this(rank, key, value, count, revision, isFinal, amended, lateCount, windowStart, windowEnd, null);
    }

    Entry withPercentiles(Map<String, Double> values) {
      return new Entry(rank, key, value, count, revision, isFinal, amended, lateCount, windowStart, windowEnd, values);
    }
  }

  static Leaderboard empty(String aggregation, WindowType windowType, String window, AggregationStatus status) {
    return new Leaderboard(aggregation, windowType, window, null, null, false, false, status.watermark(), status.lateEvents(),
        List.of());
  }
}

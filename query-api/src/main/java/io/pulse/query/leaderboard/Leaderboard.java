package io.pulse.query.leaderboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.status.AggregationStatus;
import java.time.Instant;
import java.util.List;

/**
 * The top-N of one window, or of a tumbling range's windows combined. {@code final} is true when every
 * entry's window is closed (a range: when every window in it is final); a provisional board may still change. {@code amended} is true when any entry is (see {@link Entry}).
 *
 * @param window     how the window was chosen: current, closed, at (an explicit windowStart), or range (from/to or
 *                   last: windowStart..windowEnd spans every window combined)
 * @param watermark  the aggregation's watermark: windows ending before it are closed
 * @param lateEvents events that arrived behind the watermark and were left out
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
    List<Entry> entries) {

  /**
   * One ranked group, from the newest revision of each of its rows. {@code revision} is the sum of
   * those newest revisions over the group's facet rows (and a range's windows), so it grows with every change
   * of the group.
   *
   * @param amended   a late event reopened this final window ({@code late: amend}) in any of the group's
   *                  rows: the value includes it
   * @param lateCount late events counted beside the value ({@code late: side}), summed over the
   *                  group's rows; the value leaves them out
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
      Instant windowEnd) {}

  static Leaderboard empty(String aggregation, WindowType windowType, String window, AggregationStatus status) {
    return new Leaderboard(aggregation, windowType, window, null, null, false, false, status.watermark(), status.lateEvents(),
        List.of());
  }
}

package io.pulse.query.series;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Instant;
import java.util.List;

/**
 * The values of one group (or, without {@code key}, of all groups combined: counts and sums added, the
 * smallest minimum, the largest maximum) per window, oldest first, for windows starting in [from, to).
 *
 * @param truncated more windows matched than the point limit allows; the newest were left out
 */
public record Series(
    String aggregation,
    WindowType windowType,
    String key,
    Instant from,
    Instant to,
    Instant watermark,
    long lateEvents,
    boolean truncated,
    List<Point> points) {

  /**
   * One window's value, from the newest revision of each of its rows.
   *
   * @param amended   a late event reopened this final window ({@code late: amend}) in any of its rows
   * @param lateCount late events counted beside the value ({@code late: side}), summed over its rows
   */
  public record Point(
      Instant windowStart,
      Instant windowEnd,
      double value,
      long count,
      long revision,
      @JsonProperty("final") boolean isFinal,
      boolean amended,
      long lateCount) {}
}

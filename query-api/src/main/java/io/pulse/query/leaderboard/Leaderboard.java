package io.pulse.query.leaderboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The top-N of one window. {@code final} is true when every entry's window is closed; a
 * provisional board may still change.
 */
public record Leaderboard(
    String aggregation,
    Instant windowStart,
    Instant windowEnd,
    @JsonProperty("final") boolean isFinal,
    List<Entry> entries) {

  /**
   * One ranked group. {@code revision} grows with every change of the underlying rows, so a client
   * can tell a changed value from a repeated one.
   */
  public record Entry(
      int rank,
      String key,
      double value,
      long count,
      long revision,
      @JsonProperty("final") boolean isFinal,
      Instant windowStart,
      Instant windowEnd) {}

  static Leaderboard empty(String aggregation) {
    return new Leaderboard(aggregation, null, null, false, List.of());
  }
}

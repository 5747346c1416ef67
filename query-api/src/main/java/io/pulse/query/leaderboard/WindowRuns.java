package io.pulse.query.leaderboard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs of consecutive windows, as a condition on the sorting key: each run is one range ClickHouse's index
 * narrows to, so a read of a range's uncached windows reads only their granules.
 */
final class WindowRuns {

  private WindowRuns() {}

  /** Windows starting at firstStartMs, firstStartMs + size, ..., lastStartMs. */
  record Run(long firstStartMs, long lastStartMs) {}

  /** A condition on window_start_ms matching the starts of {@code runs} and nothing else (not empty). */
  static String condition(List<Run> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no windows to read");
    }
    return runs.stream()
        .map(run -> "window_start_ms >= " + run.firstStartMs() + " AND window_start_ms <= " + run.lastStartMs())
        .collect(Collectors.joining(") OR (", "((", "))"));
  }
}

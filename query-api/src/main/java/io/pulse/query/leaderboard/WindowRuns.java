package io.pulse.query.leaderboard;

import java.util.ArrayList;
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

  /** The runs of {@code starts} (ascending window starts of windows {@code sizeMs} long). */
  static List<Run> of(List<Long> starts, long sizeMs) {
    List<Run> runs = new ArrayList<>();
    for (long start : starts) {
      Run last = runs.isEmpty() ? null : runs.getLast();
      if (last != null && last.lastStartMs() + sizeMs == start) {
        runs.set(runs.size() - 1, new Run(last.firstStartMs(), start));
      } else {
        runs.add(new Run(start, start));
      }
    }
    return runs;
  }

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

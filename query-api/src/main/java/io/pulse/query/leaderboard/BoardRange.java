package io.pulse.query.leaderboard;

import java.time.Duration;
import java.time.Instant;

/**
 * The windows a range board combines, as validated by {@link RangeRequests}: either fixed, every
 * tumbling window lying wholly inside [from, to), or relative, the {@code last} ÷ size newest windows
 * up to and including the current one (the window containing now). Bounds are stored aligned to the
 * aggregation's windows, so requests meaning the same windows are equal (they share one read, see
 * {@link LeaderboardService}); a relative range is resolved against the clock at every read, so a live
 * board slides with time.
 *
 * @param firstStart first window start of a fixed range (null when relative)
 * @param end        last window end of a fixed range (null when relative)
 * @param last       a whole number of windows before the end of the current one (null when fixed)
 */
public record BoardRange(Instant firstStart, Instant end, Duration last) {

  static BoardRange fixed(Instant firstStart, Instant end) {
    return new BoardRange(firstStart, end, null);
  }

  static BoardRange last(Duration wholeWindows) {
    return new BoardRange(null, null, wholeWindows);
  }

  /** The windows meant at {@code now}, for windows of {@code size} aligned to the epoch as the aggregator cuts them. */
  Span span(Duration size, Instant now) {
    if (last == null) {
      return new Span(firstStart.toEpochMilli(), end.toEpochMilli(), size.toMillis());
    }
    long sizeMs = size.toMillis();
    long currentEnd = alignDown(now.toEpochMilli(), sizeMs) + sizeMs;
    return new Span(currentEnd - last.toMillis(), currentEnd, sizeMs);
  }

  /** The start of the window containing {@code ms} (tumbling windows start at multiples of their size). */
  static long alignDown(long ms, long sizeMs) {
    return ms - Math.floorMod(ms, sizeMs);
  }

  /** The first window start at or after {@code ms}. */
  static long alignUp(long ms, long sizeMs) {
    return ms + Math.floorMod(-ms, sizeMs);
  }

  /** Windows starting at firstStartMs, firstStartMs + size, ... and ending at endMs. */
  record Span(long firstStartMs, long endMs, long sizeMs) {

    long lastStartMs() {
      return endMs - sizeMs;
    }

    long windows() {
      return (endMs - firstStartMs) / sizeMs;
    }
  }
}

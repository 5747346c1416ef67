package io.pulse.query.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Where each window of a range comes from: the cache, when its fingerprint still matches, nowhere when it has no
 * rows, or a combined read of the uncached windows. Each window has exactly one source, so no window counts twice or not at all. Uncached
 * windows past their allowed lateness are also marked to fill the cache (at most {@code maxFillRows} stored rows).
 * Reads name their windows as runs ({@link WindowRuns}), at most {@link #MAX_RUNS} each, to keep statements
 * short: beyond that, the windows between the closest runs are read too, in place of their cached values.
 */
final class RangePlan {

  static final int MAX_RUNS = 64;

  private final long firstStartMs;
  private final long sizeMs;
  private final CachedWindow[] cached;
  private final boolean[] fill;

  private RangePlan(long firstStartMs, long sizeMs, int windows) {
    this.firstStartMs = firstStartMs;
    this.sizeMs = sizeMs;
    this.cached = new CachedWindow[windows];
    this.fill = new boolean[windows];
  }

  /**
   * @param prints         each window's fingerprint now (absent: no rows)
   * @param cache          a window's cached values by start, or null
   * @param cacheableEndMs windows ending at or before it may be cached: past the watermark and the allowed lateness
   */
  static RangePlan of(BoardRange.Span span, Map<Long, WindowFingerprint> prints, LongFunction<CachedWindow> cache,
      long cacheableEndMs, long maxFillRows) {
    RangePlan plan = new RangePlan(span.firstStartMs(), span.sizeMs(), Math.toIntExact(span.windows()));
    long fillRows = 0;
    int fillRuns = 0;
    for (int i = 0; i < plan.fill.length; i++) {
      long start = plan.start(i);
      WindowFingerprint print = prints.get(start);
      if (print == null) {
        // No rows when the fingerprints were read: nothing to read (as of then, like every cached window).
        plan.cached[i] = CachedWindow.NONE;
        continue;
      }
      CachedWindow window = cache.apply(start);
      if (window != null && window.fingerprint().equals(print)) {
        plan.cached[i] = window;
        continue;
      }
      boolean newRun = i == 0 || !plan.fill[i - 1];
      if (start + span.sizeMs() <= cacheableEndMs && fillRows + print.rows() <= maxFillRows
          && (!newRun || fillRuns < MAX_RUNS)) {
        plan.fill[i] = true;
        fillRows += print.rows();
        fillRuns += newRun ? 1 : 0;
      }
    }
    plan.joinUncachedRuns();
    return plan;
  }

  long start(int index) {
    return firstStartMs + index * sizeMs;
  }

  int windows() {
    return fill.length;
  }

  /** The cached window at {@code index}, or null when it is read. */
  CachedWindow cached(int index) {
    return cached[index];
  }

  /** True when the window at {@code index} is to be read into the cache (it is also read for this range). */
  boolean fills(int index) {
    return fill[index];
  }

  /** True when some window's groups come from the cache (windows without rows do not count). */
  boolean anyCached() {
    for (CachedWindow window : cached) {
      if (window != null && window != CachedWindow.NONE) {
        return true;
      }
    }
    return false;
  }

  List<WindowRuns.Run> fillRuns() {
    return runs(true);
  }

  List<WindowRuns.Run> uncachedRuns() {
    return runs(false);
  }

  private List<WindowRuns.Run> runs(boolean ofFill) {
    List<WindowRuns.Run> runs = new ArrayList<>();
    int i = 0;
    while (i < fill.length) {
      if (ofFill ? fill[i] : cached[i] == null) {
        int first = i;
        while (i + 1 < fill.length && (ofFill ? fill[i + 1] : cached[i + 1] == null)) {
          i++;
        }
        runs.add(new WindowRuns.Run(start(first), start(i)));
      }
      i++;
    }
    return runs;
  }

  /** Reads the cached windows in the narrowest gaps between uncached runs too, until at most MAX_RUNS are left. */
  private void joinUncachedRuns() {
    List<WindowRuns.Run> runs = uncachedRuns();
    if (runs.size() <= MAX_RUNS) {
      return;
    }
    List<WindowRuns.Run> gaps = new ArrayList<>(runs.size() - 1);
    for (int r = 0; r + 1 < runs.size(); r++) {
      gaps.add(new WindowRuns.Run(runs.get(r).lastStartMs() + sizeMs, runs.get(r + 1).firstStartMs() - sizeMs));
    }
    gaps.sort(Comparator.comparingLong(gap -> gap.lastStartMs() - gap.firstStartMs()));
    for (WindowRuns.Run gap : gaps.subList(0, runs.size() - MAX_RUNS)) {
      for (long start = gap.firstStartMs(); start <= gap.lastStartMs(); start += sizeMs) {
        cached[Math.toIntExact((start - firstStartMs) / sizeMs)] = null;
      }
    }
  }
}

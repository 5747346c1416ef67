package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Measure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Ranks a range board's groups. Windows that are closed and past their allowed lateness rarely change again
 * (only a task lagging behind the watermark, or a re-sent row, still writes to them), so their groups are kept
 * in {@link ClosedWindowCache} and a range reads only what it does not hold: first one cheap fingerprint per window
 * of the range ({@link WindowFingerprint}; a cached window whose fingerprint changed is read again), then the
 * uncached windows, and combines the parts in Java ({@link RangeTotals}). The answer is the one
 * {@link LeaderboardRepository#rangeTop} gives for the same rows. Without a window the cache may hold (or with
 * the cache off) the range is read combined in ClickHouse, as before the cache.
 */
@Component
class RangeBoardReader {

  /** More windows than this (a month of 1-minute windows is 44,640) are read combined: the plan is per window. */
  private static final long MAX_PLANNED_WINDOWS = 50_000;

  private final LeaderboardRepository combined;
  private final RangeRowsRepository rows;
  private final ClosedWindowCache cache;

  RangeBoardReader(LeaderboardRepository combined, RangeRowsRepository rows, ClosedWindowCache cache) {
    this.combined = combined;
    this.rows = rows;
    this.cache = cache;
  }

  /** A range board's entries, and whether it is final. */
  record Ranked(List<Leaderboard.Entry> entries, boolean isFinal) {}

  /**
   * The top {@code limit} groups of {@code span}. It is final only when every window in it is: the range is
   * {@code closed} (the watermark has passed its end, so no window of it is open, including windows without
   * rows yet) and no row in it, of any group, is provisional (a provisional group below the top could still climb).
   */
  Ranked top(AggregationDefinition definition, BoardRange.Span span, boolean closed, Instant watermark, int limit,
      Map<String, String> facetFilters) {
    long cacheableEndMs = watermark == null ? Long.MIN_VALUE
        : watermark.toEpochMilli() - definition.allowedLateness().toMillis();
    if (!cache.enabled() || span.windows() > MAX_PLANNED_WINDOWS || span.firstStartMs() + span.sizeMs() > cacheableEndMs) {
      return uncached(definition, span, closed, limit, facetFilters);
    }
    Map<Long, WindowFingerprint> prints = rows.fingerprints(definition.name(), span);
    RangePlan plan = RangePlan.of(span, prints, start -> cache.get(key(definition, span, facetFilters, start)),
        cacheableEndMs, cache.maxFillRows());
    if (plan.restOnly()) {
      return uncached(definition, span, closed, limit, facetFilters);
    }
    RangeTotals totals = new RangeTotals(definition.measure());
    for (int i = 0; i < plan.windows(); i++) {
      if (plan.cached(i) != null) {
        plan.cached(i).forEach(totals::add);
      }
    }
    fill(definition, span, facetFilters, plan, prints, totals);
    List<WindowRuns.Run> rest = plan.restRuns();
    if (!rest.isEmpty()) {
      rows.groups(definition.name(), definition.measure(), rest, facetFilters).forEach(totals::add);
    }
    List<Leaderboard.Entry> entries = totals.top(limit, closed, Instant.ofEpochMilli(span.firstStartMs()),
        Instant.ofEpochMilli(span.endMs()));
    return new Ranked(entries, closed && !entries.isEmpty() && entries.stream().allMatch(Leaderboard.Entry::isFinal)
        && !totals.anyProvisional());
  }

  /**
   * Reads the windows the plan fills, one by one, and caches those whose groups are all final. The fingerprints
   * were read first: a row written in between is in the values but not in the fingerprint, so the next read sees a
   * mismatch and reads the window again; the other order could keep a stale value under a current fingerprint.
   */
  private void fill(AggregationDefinition definition, BoardRange.Span span, Map<String, String> facetFilters,
      RangePlan plan, Map<Long, WindowFingerprint> prints, RangeTotals totals) {
    List<WindowRuns.Run> runs = plan.fillRuns();
    if (runs.isEmpty()) {
      return;
    }
    Map<Long, List<GroupRow>> windows = rows.groupsPerWindow(definition.name(), definition.measure(), runs, facetFilters);
    for (int i = 0; i < plan.windows(); i++) {
      if (!plan.fills(i)) {
        continue;
      }
      long start = plan.start(i);
      List<GroupRow> groups = windows.getOrDefault(start, List.of());
      groups.forEach(totals::add);
      if (groups.stream().allMatch(GroupRow::isFinal)) {
        cache.put(key(definition, span, facetFilters, start),
            CachedWindow.of(prints.getOrDefault(start, WindowFingerprint.EMPTY), groups));
      }
    }
  }

  /** The range combined in ClickHouse, top {@code limit} only. */
  Ranked uncached(AggregationDefinition definition, BoardRange.Span span, boolean closed, int limit,
      Map<String, String> facetFilters) {
    Measure measure = definition.measure();
    List<Leaderboard.Entry> entries = combined.rangeTop(definition.name(), measure, span, closed, limit, facetFilters);
    boolean isFinal = closed && !entries.isEmpty() && entries.stream().allMatch(Leaderboard.Entry::isFinal)
        && !combined.anyProvisional(definition.name(), span, facetFilters);
    return new Ranked(entries, isFinal);
  }

  private static ClosedWindowCache.Key key(AggregationDefinition definition, BoardRange.Span span,
      Map<String, String> facetFilters, long start) {
    return new ClosedWindowCache.Key(definition.name(), definition.measure(), span.sizeMs(), facetFilters, start);
  }
}

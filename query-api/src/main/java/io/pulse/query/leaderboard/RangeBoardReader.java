package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Ranks a range board's groups. Windows that are closed and past their allowed lateness rarely change again
 * (only a task lagging behind the watermark, or an aggregator recounting, still writes to them), so their groups
 * are kept in {@link ClosedWindowCache} and a range reads only what the cache does not hold: first one cheap
 * fingerprint per window of the range ({@link WindowFingerprint}; a cached window whose fingerprint changed is read
 * again), then the uncached windows combined, and merges the parts in Java ({@link RangeTotals}). The answer is the
 * one {@link LeaderboardRepository#rangeTop} gives for the same rows. With nothing cached, the range is read as
 * before the cache (top-N in ClickHouse); {@link WindowCacheFiller} fills the cache in the background.
 */
@Component
class RangeBoardReader {

  /** More windows than this (a month of 1-minute windows is 44,640) are read combined: the plan is per window. */
  private static final long MAX_PLANNED_WINDOWS = 50_000;

  private final LeaderboardRepository combined;
  private final RangeRowsRepository rows;
  private final ClosedWindowCache cache;
  private final WindowCacheFiller filler;

  RangeBoardReader(LeaderboardRepository combined, RangeRowsRepository rows, ClosedWindowCache cache,
      WindowCacheFiller filler) {
    this.combined = combined;
    this.rows = rows;
    this.cache = cache;
    this.filler = filler;
  }

  /** A range board's entries, and whether it is final. */
  record Ranked(List<Leaderboard.Entry> entries, boolean isFinal) {

    /** Final when the range is closed, every entry final and no row of the range (of any group) provisional. */
    static Ranked of(List<Leaderboard.Entry> entries, boolean closed, BooleanSupplier anyProvisional) {
      return new Ranked(entries, closed && !entries.isEmpty() && entries.stream().allMatch(Leaderboard.Entry::isFinal)
          && !anyProvisional.getAsBoolean());
    }
  }

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
    RangePlan plan = RangePlan.of(span, prints,
        start -> cache.get(ClosedWindowCache.key(definition, span, facetFilters, start)), cacheableEndMs,
        cache.maxFillRows());
    filler.fill(definition, span, facetFilters, plan, prints);
    if (!plan.anyCached()) {
      return uncached(definition, span, closed, limit, facetFilters);
    }
    RangeTotals totals = new RangeTotals(definition.measure());
    for (int i = 0; i < plan.windows(); i++) {
      if (plan.cached(i) != null) {
        plan.cached(i).forEach(totals::add);
      }
    }
    List<WindowRuns.Run> uncached = plan.uncachedRuns();
    if (!uncached.isEmpty()) {
      rows.groups(definition.name(), definition.measure(), uncached, facetFilters).forEach(totals::add);
    }
    List<Leaderboard.Entry> entries = totals.top(limit, closed, Instant.ofEpochMilli(span.firstStartMs()),
        Instant.ofEpochMilli(span.endMs()));
    return Ranked.of(entries, closed, totals::anyProvisional);
  }

  /** The range combined in ClickHouse, top {@code limit} only. */
  Ranked uncached(AggregationDefinition definition, BoardRange.Span span, boolean closed, int limit,
      Map<String, String> facetFilters) {
    List<Leaderboard.Entry> entries = combined.rangeTop(definition.name(), definition.measure(), span, closed, limit,
        facetFilters);
    return Ranked.of(entries, closed, () -> combined.anyProvisional(definition.name(), span, facetFilters));
  }
}

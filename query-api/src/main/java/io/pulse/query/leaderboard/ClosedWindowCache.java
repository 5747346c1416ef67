package io.pulse.query.leaderboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.query.QueryProperties;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The groups of closed windows of range boards, per facet filter, bounded by their number of groups
 * ({@code pulse.query.range-boards.window-cache.max-groups}; 0 turns the cache off). A value is only as good as
 * its fingerprint: {@link RangeBoardReader} uses it while the window's fingerprint is unchanged.
 */
@Component
class ClosedWindowCache {

  /**
   * One window of one aggregation under one facet filter. The measure and window size are part of it, so a
   * redeclared aggregation never reads values of its former self.
   */
  record Key(String aggregation, Measure measure, long sizeMs, Map<String, String> facetFilters, long startMs) {}

  static Key key(AggregationDefinition definition, BoardRange.Span span, Map<String, String> facetFilters, long start) {
    return new Key(definition.name(), definition.measure(), span.sizeMs(), facetFilters, start);
  }

  private final Cache<Key, CachedWindow> windows;
  private final int maxFillRows;

  ClosedWindowCache(QueryProperties properties, MeterRegistry registry) {
    QueryProperties.WindowCache config = properties.rangeBoards().windowCache();
    this.maxFillRows = config.maxFillRows();
    this.windows = config.maxGroups() == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(config.maxGroups())
        .<Key, CachedWindow>weigher((key, window) -> window.weight())
        .recordStats()
        .build();
    if (windows != null) {
      CaffeineCacheMetrics.monitor(registry, windows, "range-windows");
    }
  }

  boolean enabled() {
    return windows != null;
  }

  int maxFillRows() {
    return maxFillRows;
  }

  CachedWindow get(Key key) {
    return windows.getIfPresent(key);
  }

  void put(Key key, CachedWindow window) {
    windows.put(key, window);
  }
}

package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fills {@link ClosedWindowCache} in the background, one job at a time: reading a range's windows one by one
 * (every group of every window) costs several times the combined top-N read that answers the request, so a
 * request never waits for it; when the filler is busy, a job is dropped and a later request asks again. Windows
 * whose groups are not all final are not cached. Each job caches values under fingerprints read before the values:
 * a row written in between makes the next read see a mismatch and read the window again, never the other way round.
 */
@Component
class WindowCacheFiller implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WindowCacheFiller.class);

  private final RangeRowsRepository rows;
  private final ClosedWindowCache cache;
  private final Set<ClosedWindowCache.Key> pending = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new ArrayBlockingQueue<>(16), Thread.ofPlatform().name("range-window-fill").daemon().factory());

  WindowCacheFiller(RangeRowsRepository rows, ClosedWindowCache cache) {
    this.rows = rows;
    this.cache = cache;
  }

  /** Reads the windows {@code plan} marks to fill, later, unless another job already reads them. */
  void fill(AggregationDefinition definition, BoardRange.Span span, Map<String, String> facetFilters, RangePlan plan,
      Map<Long, WindowFingerprint> prints) {
    List<ClosedWindowCache.Key> keys = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < plan.windows(); i++) {
      if (!plan.fills(i)) {
        continue;
      }
      ClosedWindowCache.Key key = ClosedWindowCache.key(definition, span, facetFilters, plan.start(i));
      if (pending.add(key)) {
        keys.add(key);
        starts.add(plan.start(i));
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> read(definition, span.sizeMs(), facetFilters, starts, keys, prints));
    } catch (RejectedExecutionException e) {
      keys.forEach(pending::remove); // busy: a later request asks again
    }
  }

  /** True while windows are queued or being read (tests wait for it). */
  boolean busy() {
    return !pending.isEmpty();
  }

  private void read(AggregationDefinition definition, long sizeMs, Map<String, String> facetFilters, List<Long> starts,
      List<ClosedWindowCache.Key> keys, Map<Long, WindowFingerprint> prints) {
    try {
      Map<Long, List<GroupRow>> windows = rows.groupsPerWindow(definition.name(), definition.measure(),
          WindowRuns.of(starts, sizeMs), facetFilters);
      for (int i = 0; i < starts.size(); i++) {
        List<GroupRow> groups = windows.getOrDefault(starts.get(i), List.of());
        if (groups.stream().allMatch(GroupRow::isFinal)) {
          cache.put(keys.get(i), CachedWindow.of(prints.getOrDefault(starts.get(i), WindowFingerprint.EMPTY), groups));
        }
      }
    } catch (RuntimeException e) {
      log.warn("Filling the range-board cache for {} failed; its windows are read combined until a later fill",
          definition.name(), e);
    } finally {
      keys.forEach(pending::remove);
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}

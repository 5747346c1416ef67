package io.pulse.query.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.QueryProperties;
import io.pulse.query.window.WindowLocator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Watermark and late-event count per aggregation. The watermark comes from the
 * {@code aggregation_progress} view (one small row); the late count needs a distinct count over
 * the aggregation's late events, which grows with the table, so the answer is shared for
 * {@code statusTtl} and then refreshed in the background while callers keep getting the previous
 * one (stale-while-revalidate). Only the very first request per aggregation waits for the read.
 */
@Service
public class AggregationStatusService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AggregationStatusService.class);

  private final ClickHouse clickHouse;
  private final long ttlNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("status-refresh").daemon().factory());

  AggregationStatusService(ClickHouse clickHouse, QueryProperties properties) {
    this.clickHouse = clickHouse;
    this.ttlNanos = properties.statusTtl().toNanos();
  }

  /** The status of an allow-listed aggregation (callers validate the name first). */
  public AggregationStatus status(String aggregation) {
    Entry entry = entries.computeIfAbsent(aggregation, name -> new Entry());
    AggregationStatus known = entry.value;
    if (known == null) {
      synchronized (entry) {
        if (entry.value == null) {
          entry.store(load(aggregation));
        }
        return entry.value;
      }
    }
    if (System.nanoTime() - entry.loadedAt > ttlNanos && entry.refreshing.compareAndSet(false, true)) {
      refresher.execute(() -> refresh(aggregation, entry));
    }
    return known;
  }

  private void refresh(String aggregation, Entry entry) {
    try {
      entry.store(load(aggregation));
    } catch (RuntimeException e) {
      log.warn("Refreshing the status of {} failed; serving the previous one", aggregation, e);
    } finally {
      entry.refreshing.set(false);
    }
  }

  private AggregationStatus load(String aggregation) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT %s AS wm,
               (SELECT uniqExact(event_id) FROM late_events WHERE aggregation = :aggregation) AS late""".formatted(
            WindowLocator.watermarkSubquery()),
        Map.of("aggregation", aggregation));
    if (rows.isEmpty()) {
      return AggregationStatus.NONE;
    }
    long watermark = rows.get(0).get("wm").asLong();
    return new AggregationStatus(watermark > 0 ? Instant.ofEpochMilli(watermark) : null, rows.get(0).get("late").asLong());
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }

  private static final class Entry {
    volatile AggregationStatus value;
    volatile long loadedAt;
    final AtomicBoolean refreshing = new AtomicBoolean();

    void store(AggregationStatus status) {
      value = status;
      loadedAt = System.nanoTime();
    }
  }
}

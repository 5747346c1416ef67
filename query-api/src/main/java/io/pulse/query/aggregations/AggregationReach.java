package io.pulse.query.aggregations;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.RetentionProperties;
import io.pulse.clickhouse.TimePartitions;
import io.pulse.query.QueryProperties;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * How far back the aggregations reach: the window retention the aggregator enforces (the shared
 * setting {@code pulse.retention.window-aggregates}) and, per aggregation, the start of the oldest
 * window ClickHouse still holds. Whole months are dropped, so the oldest window may be up to a month
 * older than the retention says. Finding it reads partitions oldest first, one month at a time,
 * until every aggregation with rows is found; the answer is shared for {@code catalogRefresh}.
 */
@Component
class AggregationReach {

  private final ClickHouse clickHouse;
  private final TimePartitions partitions;
  private final String retention;
  private final long ttlNanos;
  private volatile Map<String, Instant> oldest = Map.of();
  private volatile long loadedAt;
  private volatile boolean loaded;

  AggregationReach(ClickHouse clickHouse, TimePartitions partitions, RetentionProperties retention, QueryProperties properties) {
    this.clickHouse = clickHouse;
    this.partitions = partitions;
    this.retention = retention.enabled() ? RetentionProperties.iso(retention.windowAggregates()) : null;
    this.ttlNanos = properties.catalogRefresh().toNanos();
  }

  /** The window retention as an ISO-8601 duration ({@code P90D}), or null when nothing is dropped. */
  String retention() {
    return retention;
  }

  /** The start of the aggregation's oldest window in ClickHouse, or null when it has none. */
  Instant oldestWindowStart(String aggregation) {
    return current().get(aggregation);
  }

  private Map<String, Instant> current() {
    if (!loaded || System.nanoTime() - loadedAt > ttlNanos) {
      synchronized (this) {
        if (!loaded || System.nanoTime() - loadedAt > ttlNanos) {
          oldest = load();
          loadedAt = System.nanoTime();
          loaded = true;
        }
      }
    }
    return oldest;
  }

  private Map<String, Instant> load() {
    // Aggregations that ever wrote a row; one without any would otherwise make every load read every month.
    Set<String> missing = new HashSet<>();
    clickHouse.query("SELECT aggregation FROM aggregation_progress GROUP BY aggregation")
        .forEach(row -> missing.add(row.get("aggregation").asString()));
    Map<String, Instant> found = new HashMap<>();
    for (TimePartitions.Partition month : partitions.of("window_aggregates")) {
      if (missing.isEmpty()) {
        break;
      }
      List<JsonNode> rows = clickHouse.query("""
          SELECT aggregation, min(window_start_ms) AS oldest
          FROM window_aggregates
          WHERE window_start_ms >= :from AND window_start_ms < :to
          GROUP BY aggregation""", Map.of("from", month.start().toEpochMilli(), "to", month.end().toEpochMilli()));
      for (JsonNode row : rows) {
        String aggregation = row.get("aggregation").asString();
        if (missing.remove(aggregation)) {
          found.put(aggregation, Instant.ofEpochMilli(row.get("oldest").asLong()));
        }
      }
    }
    return Map.copyOf(found);
  }
}

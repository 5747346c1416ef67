package io.pulse.query.series;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.query.window.MeasureCombining;
import io.pulse.query.window.WindowSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Per-window values of one group, or of all groups combined (counts and sums add, min and max take the
 * extreme: {@link MeasureCombining}), within a primary-key range.
 */
@Repository
class SeriesRepository {

  private final ClickHouse clickHouse;

  SeriesRepository(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** Up to {@code maxPoints} points of windows starting in [from, to), oldest first. */
  List<Series.Point> points(String aggregation, Measure measure, Instant from, Instant to, String key,
      Map<String, String> facetFilters, int maxPoints) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", aggregation);
    params.put("lo", from.toEpochMilli());
    params.put("hi", to.toEpochMilli() - 1);
    params.put("limit", maxPoints);
    String conditions = WindowSql.facetConditions(facetFilters, params);
    if (key != null) {
      conditions += " AND group_key = :key";
      params.put("key", key);
    }
    // With a key, one row per window: its value as it is (avg included); without, the groups combined.
    String value = key != null ? "any(wv)" : MeasureCombining.acrossRows(measure, "wv");
    List<JsonNode> rows = clickHouse.query("""
        SELECT window_start_ms, window_end_ms, %s AS val, sum(wc) AS cnt, sum(wrev) AS rv, min(wfin) AS fn,
               max(wamd) AS am, sum(wlc) AS lt
        FROM (%s)
        GROUP BY window_start_ms, window_end_ms
        ORDER BY window_start_ms, window_end_ms
        LIMIT :limit""".formatted(value, WindowSql.perWindowAndGroup(measure, WindowSql.START_BETWEEN_LO_HI, conditions)),
        params);
    List<Series.Point> points = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      points.add(new Series.Point(Instant.ofEpochMilli(row.get("window_start_ms").asLong()),
          Instant.ofEpochMilli(row.get("window_end_ms").asLong()), row.get("val").asDouble(), row.get("cnt").asLong(),
          row.get("rv").asLong(), row.get("fn").asInt() == 1, row.get("am").asInt() == 1, row.get("lt").asLong()));
    }
    return points;
  }
}

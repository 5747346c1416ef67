package io.pulse.query.leaderboard;

import io.pulse.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Reads leaderboards from {@code window_aggregates}. FINAL collapses every window row to its
 * newest revision before summing, so re-delivered or superseded rows are never added up; facet
 * rows (e.g. one per event type) are then summed per group.
 */
@Repository
class LeaderboardRepository {

  /** Facet filters map to these columns only: the names are never taken from the request. */
  private static final Map<String, String> FACET_COLUMNS = Map.of("type", "type", "country", "country", "plan", "plan");

  private final ClickHouse clickHouse;

  LeaderboardRepository(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  Instant latestWindowStart(String aggregation) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT max(window_start_ms) AS start, count() AS n FROM window_aggregates
        WHERE aggregation = :aggregation""", Map.of("aggregation", aggregation));
    return rows.isEmpty() || rows.get(0).get("n").asLong() == 0
        ? null
        : Instant.ofEpochMilli(rows.get(0).get("start").asLong());
  }

  Leaderboard top(LeaderboardQuery query) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", query.aggregation());
    params.put("start", query.windowStart().toEpochMilli());
    params.put("limit", query.limit());
    StringBuilder filters = new StringBuilder();
    query.facetFilters().forEach((facet, value) -> {
      filters.append(" AND ").append(FACET_COLUMNS.get(facet)).append(" = :f_").append(facet);
      params.put("f_" + facet, value);
    });
    List<JsonNode> rows = clickHouse.query("""
        SELECT group_key, sum(value) AS value, sum(event_count) AS cnt, sum(revision) AS rev,
               min(is_final) AS fin, max(window_end_ms) AS end_ms
        FROM window_aggregates FINAL
        WHERE aggregation = :aggregation AND window_start_ms = :start AND retracted = 0""" + filters + """

        GROUP BY group_key
        ORDER BY value DESC, group_key ASC
        LIMIT :limit""", params);
    List<Leaderboard.Entry> entries = new ArrayList<>(rows.size());
    boolean allFinal = !rows.isEmpty();
    Instant windowEnd = null;
    for (JsonNode row : rows) {
      boolean fin = row.get("fin").asInt() == 1;
      windowEnd = Instant.ofEpochMilli(row.get("end_ms").asLong());
      allFinal &= fin;
      entries.add(new Leaderboard.Entry(entries.size() + 1, row.get("group_key").asString(),
          row.get("value").asDouble(), row.get("cnt").asLong(), row.get("rev").asLong(), fin,
          query.windowStart(), windowEnd));
    }
    return new Leaderboard(query.aggregation(), query.windowStart(), windowEnd, allFinal, entries);
  }
}

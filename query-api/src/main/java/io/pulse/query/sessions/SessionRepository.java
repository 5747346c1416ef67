package io.pulse.query.sessions;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.window.WindowSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** Session rows are window rows whose window is the session: end - start is its length. */
@Repository
class SessionRepository {

  private final ClickHouse clickHouse;

  SessionRepository(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** Totals; averages divide by greatest(count, 1) so an empty range gives 0, not NaN. */
  JsonNode totals(String aggregation, Instant from, Instant to, String key, Map<String, String> facetFilters) {
    Map<String, Object> params = params(aggregation, from, to);
    String sessions = WindowSql.perWindowAndGroup(conditions(key, facetFilters, params));
    return clickHouse.query("""
        SELECT count() AS sessions, uniqExact(group_key) AS users, toUInt64(count() - sum(wfin)) AS open,
               sum(wc) AS events, sum(wc) / greatest(count(), 1) AS avg_events,
               sum(window_end_ms - window_start_ms) / greatest(count(), 1) AS avg_len,
               max(window_end_ms - window_start_ms) AS max_len
        FROM (%s)""".formatted(sessions), params).get(0);
  }

  List<SessionStats.Session> top(String aggregation, Instant from, Instant to, String key, Map<String, String> facetFilters,
      int limit) {
    if (limit == 0) {
      return List.of();
    }
    Map<String, Object> params = params(aggregation, from, to);
    params.put("limit", limit);
    String sessions = WindowSql.perWindowAndGroup(conditions(key, facetFilters, params));
    List<JsonNode> rows = clickHouse.query("""
        SELECT group_key, window_start_ms, window_end_ms, wv, wc, wrev, wfin
        FROM (%s)
        ORDER BY wc DESC, window_end_ms - window_start_ms DESC, group_key ASC, window_start_ms ASC
        LIMIT :limit""".formatted(sessions), params);
    List<SessionStats.Session> top = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      long start = row.get("window_start_ms").asLong();
      long end = row.get("window_end_ms").asLong();
      top.add(new SessionStats.Session(row.get("group_key").asString(), Instant.ofEpochMilli(start),
          Instant.ofEpochMilli(end), end - start, row.get("wc").asLong(), row.get("wv").asDouble(),
          row.get("wrev").asLong(), row.get("wfin").asInt() == 1));
    }
    return top;
  }

  private static Map<String, Object> params(String aggregation, Instant from, Instant to) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", aggregation);
    params.put("lo", from.toEpochMilli());
    params.put("hi", to.toEpochMilli() - 1);
    return params;
  }

  private static String conditions(String key, Map<String, String> facetFilters, Map<String, Object> params) {
    String conditions = WindowSql.facetConditions(facetFilters, params);
    if (key != null) {
      params.put("key", key);
      conditions += " AND group_key = :key";
    }
    return conditions;
  }
}

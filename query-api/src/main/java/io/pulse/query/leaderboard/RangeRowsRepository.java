package io.pulse.query.leaderboard;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.query.window.MeasureCombining;
import io.pulse.query.window.WindowSql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The reads of a range board that uses the window cache ({@link RangeBoardReader}): fingerprints of every
 * window of the range, the groups of the windows that fill the cache one window at a time, and the groups of
 * all other uncached windows combined. Rows count at their newest revision, as in every read ({@link WindowSql}).
 */
@Repository
class RangeRowsRepository {

  private final ClickHouse clickHouse;

  RangeRowsRepository(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /**
   * Each window's {@link WindowFingerprint} (windows without rows are absent). No version is collapsed and nothing
   * grouped but by window: a fraction of reading the values (2 ms against 6 ms for an hour of the benchmark's
   * windows on an idle ClickHouse 18.16).
   */
  Map<Long, WindowFingerprint> fingerprints(String aggregation, BoardRange.Span span) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT window_start_ms AS ws, count() AS n,
               sum(cityHash64(group_key, type, country, plan, revision, value, event_count, is_final, amended, late_count,
                              retracted)) AS h
        FROM window_aggregates
        WHERE aggregation = :aggregation AND window_start_ms >= :lo AND window_start_ms <= :hi
        GROUP BY window_start_ms""", Map.of("aggregation", aggregation, "lo", span.firstStartMs(), "hi",
        span.lastStartMs()));
    Map<Long, WindowFingerprint> prints = HashMap.newHashMap(rows.size());
    for (JsonNode row : rows) {
      // the sum wraps in UInt64; its bits are what is compared
      prints.put(row.get("ws").asLong(),
          new WindowFingerprint(row.get("n").asLong(), Long.parseUnsignedLong(row.get("h").asString())));
    }
    return prints;
  }

  /**
   * The groups of each window in {@code runs}, by window start; facet rows combined as the measure combines
   * ({@link WindowSql#perWindowAndGroup(Measure, String, String)}), under one-letter names: a fill reads a row per
   * window and group, and parsing the JSON of long names was most of its cost.
   */
  Map<Long, List<GroupRow>> groupsPerWindow(String aggregation, Measure measure, List<WindowRuns.Run> runs,
      Map<String, String> facetFilters) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", aggregation);
    String perWindow = WindowSql.perWindowAndGroup(measure, WindowRuns.condition(runs),
        WindowSql.facetConditions(facetFilters, params));
    String sql = """
        SELECT window_start_ms AS s, group_key AS k, wv AS v, wc AS c, wrev AS r, wfin AS f, wamd AS a, wlc AS l
        FROM (%s)""".formatted(perWindow);
    Map<Long, List<GroupRow>> windows = new HashMap<>();
    for (JsonNode row : clickHouse.query(sql, params)) {
      windows.computeIfAbsent(row.get("s").asLong(), start -> new ArrayList<>())
          .add(new GroupRow(row.get("k").asString(), row.get("v").asDouble(), row.get("c").asLong(),
              row.get("r").asLong(), row.get("f").asInt() == 1, row.get("a").asInt() == 1, row.get("l").asLong()));
    }
    return windows;
  }

  /** Every group's rows of the windows in {@code runs} combined, as {@link LeaderboardRepository#rangeTop} does. */
  List<GroupRow> groups(String aggregation, Measure measure, List<WindowRuns.Run> runs, Map<String, String> facetFilters) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", aggregation);
    String rows = WindowSql.latestRevisions(WindowRuns.condition(runs), WindowSql.facetConditions(facetFilters, params));
    List<JsonNode> answer = clickHouse.query("""
        SELECT group_key, %s AS val, sum(c) AS cnt, sum(rev) AS rv, min(fin) AS fn, max(amd) AS am, sum(lc) AS lt
        FROM (%s)
        GROUP BY group_key""".formatted(MeasureCombining.acrossRows(measure, "v"), rows), params);
    List<GroupRow> groups = new ArrayList<>(answer.size());
    for (JsonNode row : answer) {
      groups.add(new GroupRow(row.get("group_key").asString(), row.get("val").asDouble(), row.get("cnt").asLong(),
          row.get("rv").asLong(), row.get("fn").asInt() == 1, row.get("am").asInt() == 1, row.get("lt").asLong()));
    }
    return groups;
  }
}

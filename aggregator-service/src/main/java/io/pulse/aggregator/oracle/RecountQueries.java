package io.pulse.aggregator.oracle;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The oracle's reads for one aggregation over window starts in [lo, hi): the recount of a tumbling
 * aggregation from the raw {@code events} table, the raw events themselves for the window types
 * recounted in Java ({@link WindowRecount}), the newest revision of every stored row, and the
 * aggregation's watermark. A late event is left out of the windows that closed at or before the
 * watermark recorded with it ({@code late_events.watermark_ms}): a hopping event late for its older
 * windows only still counts in its younger ones. All stay within
 * the SQL that ClickHouse 18.16 and current servers share (no CTEs, no window functions); every
 * value is a bound parameter, only the dimension columns are chosen here, from a fixed map.
 */
final class RecountQueries {

  /** Inner-query column per fixed dimension; aliases differ from column names (18.16 alias rules). */
  private static final Map<String, String> DIMENSION_COLUMNS = Map.of(
      Dimensions.ENTITY_ID, "e_entity", Dimensions.USER_ID, "e_user", Dimensions.TYPE, "e_type",
      Dimensions.COUNTRY, "e_country", Dimensions.PLAN, "e_plan");

  /** Distinct eventIds: a re-delivered raw row may not have been merged away yet. */
  private static final String DISTINCT_EVENTS = """
      SELECT event_id AS e_id, any(type) AS e_type, any(user_id) AS e_user, any(entity_id) AS e_entity,
             any(ifNull(value, 0)) AS e_value, any(isNotNull(value)) AS e_valued, any(event_time_ms) AS e_time, any(country) AS e_country,
             any(plan) AS e_plan, any(property_keys) AS e_keys, any(property_values) AS e_values
      FROM events
      WHERE event_time_ms >= :lo AND event_time_ms < :hi
      GROUP BY event_id""";

  private final ClickHouse clickHouse;

  RecountQueries(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** What a window should hold: its events, and over those with a value their sum, mean, minimum and maximum. */
  record Recount(long windowEndMs, long events, double sum, long users, double avg, double min, double max,
      double[] values) {

    Recount(long windowEndMs, long events, double sum, long users, double avg, double min, double max) {
      this(windowEndMs, events, sum, users, avg, min, max, new double[0]);
    }

    static Recount none(long windowEndMs) {
      return new Recount(windowEndMs, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The exact value at {@code percentile}: the one at rank floor(p / 100 * (n - 1)), as sketches rank; 0 when
     * none. Sorted here, on the one call a percentiles window makes, not for every window recounted.
     */
    double percentile(double percentile) {
      if (values.length == 0) {
        return 0;
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.floor(percentile / 100 * (sorted.length - 1))];
    }
  }

  /**
   * A distinct raw event of an aggregation: its time, group, value (null: none) and user, and when it
   * was recorded late, the watermark it was late against (null: on time for every window).
   */
  record RawEvent(long timeMs, WindowKey group, Double value, String user, Long lateThroughMs) {

    /** Whether the event was recorded late for a window closing at {@code closesAtMs}. */
    boolean lateFor(long closesAtMs) {
      return lateThroughMs != null && closesAtMs <= lateThroughMs;
    }
  }

  record Stored(long windowEndMs, long events, double value, boolean isFinal, boolean retracted) {}

  /** What the aggregation should hold, recomputed from distinct raw events minus its late events (of each window, those late for it). */
  Map<WindowKey, Recount> recount(AggregationDefinition definition, long lo, long hi) {
    Map<String, Object> params = new HashMap<>();
    params.put("lo", lo);
    params.put("hi", hi);
    params.put("size", definition.window().size().toMillis());
    params.put("aggregation", definition.name());
    String sql = """
        SELECT intDiv(e_time, :size) * :size AS ws, %s AS gk, %s AS ft, %s AS fc, %s AS fp,
               count() AS n, sum(e_value) AS s, uniqExact(e_user) AS u, sumIf(1, e_valued = 1) AS nv,
               minIf(e_value, e_valued = 1) AS lo_v, maxIf(e_value, e_valued = 1) AS hi_v
        FROM (%s)
        WHERE %s != ''%s
          AND e_id NOT IN (SELECT event_id FROM late_events
                           WHERE aggregation = :aggregation AND watermark_ms >= intDiv(event_time_ms, :size) * :size + :size)
        GROUP BY ws, gk, ft, fc, fp""".formatted(
        dimension(definition.groupBy(), params), facet(definition, Dimensions.TYPE), facet(definition, Dimensions.COUNTRY),
        facet(definition, Dimensions.PLAN), DISTINCT_EVENTS, dimension(definition.groupBy(), params),
        typeFilter(definition, params));
    Map<WindowKey, Recount> expected = new HashMap<>();
    for (JsonNode row : clickHouse.query(sql, params)) {
      long valued = row.get("nv").asLong();
      double sum = row.get("s").asDouble();
      expected.put(key(row), new Recount(row.get("ws").asLong() + definition.window().size().toMillis(), row.get("n").asLong(),
          sum, row.get("u").asLong(), valued == 0 ? 0 : sum / valued, valued == 0 ? 0 : row.get("lo_v").asDouble(),
          valued == 0 ? 0 : row.get("hi_v").asDouble()));
    }
    return expected;
  }

  /** The aggregation's distinct events with event times in [lo, hi), by time, each with the watermark it was late against. */
  List<RawEvent> events(AggregationDefinition definition, long lo, long hi) {
    Map<String, Long> late = lateWatermarks(definition.name(), lo, hi);
    Map<String, Object> params = new HashMap<>();
    params.put("lo", lo);
    params.put("hi", hi);
    params.put("aggregation", definition.name());
    String sql = """
        SELECT e_id AS id, e_time AS t, %s AS gk, %s AS ft, %s AS fc, %s AS fp, e_value AS v, e_valued AS hv, e_user AS u
        FROM (%s)
        WHERE %s != ''%s
        ORDER BY t""".formatted(
        dimension(definition.groupBy(), params), facet(definition, Dimensions.TYPE), facet(definition, Dimensions.COUNTRY),
        facet(definition, Dimensions.PLAN), DISTINCT_EVENTS, dimension(definition.groupBy(), params),
        typeFilter(definition, params));
    List<RawEvent> events = new ArrayList<>();
    for (JsonNode row : clickHouse.query(sql, params)) {
      events.add(new RawEvent(row.get("t").asLong(), new WindowKey(0, row.get("gk").asString(), row.get("ft").asString(),
          row.get("fc").asString(), row.get("fp").asString()), row.get("hv").asInt() == 1 ? row.get("v").asDouble() : null,
          row.get("u").asString(), late.get(row.get("id").asString())));
    }
    return events;
  }

  /** Per event of [lo, hi) the aggregation recorded as late, the newest watermark it was recorded late against. */
  private Map<String, Long> lateWatermarks(String aggregation, long lo, long hi) {
    Map<String, Long> late = new HashMap<>();
    for (JsonNode row : clickHouse.query("""
        SELECT event_id AS id, max(watermark_ms) AS w FROM late_events
        WHERE aggregation = :aggregation AND event_time_ms >= :lo AND event_time_ms < :hi
        GROUP BY event_id""", Map.of("aggregation", aggregation, "lo", lo, "hi", hi))) {
      late.put(row.get("id").asString(), row.get("w").asLong());
    }
    return late;
  }

  /**
   * The aggregation's watermark: the newest written with its rows ({@code aggregation_progress}), or
   * {@link Long#MIN_VALUE} before its first row. A window closing after it may have no final row yet.
   */
  long watermark(String aggregation) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT maxMerge(watermark) AS w, count() AS n FROM aggregation_progress WHERE aggregation = :aggregation""",
        Map.of("aggregation", aggregation));
    return rows.isEmpty() || rows.get(0).get("n").asLong() == 0 ? Long.MIN_VALUE : rows.get(0).get("w").asLong();
  }

  /** The newest revision of every stored row whose window starts in [lo, hi); of one start, a live row over a retracted one. */
  Map<WindowKey, Stored> stored(String aggregation, long lo, long hi) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT window_start_ms AS ws, window_end_ms AS we, group_key AS gk, type AS ft, country AS fc, plan AS fp,
               argMax(event_count, revision) AS n, argMax(value, revision) AS v,
               argMax(is_final, revision) AS fin, argMax(retracted, revision) AS gone
        FROM window_aggregates
        WHERE aggregation = :aggregation AND window_start_ms >= :lo AND window_start_ms < :hi
        GROUP BY ws, we, gk, ft, fc, fp""", Map.of("aggregation", aggregation, "lo", lo, "hi", hi));
    Map<WindowKey, Stored> stored = new HashMap<>();
    for (JsonNode row : rows) {
      Stored version = new Stored(row.get("we").asLong(), row.get("n").asLong(), row.get("v").asDouble(),
          row.get("fin").asInt() == 1, row.get("gone").asInt() == 1);
      // a session's start can have several spans: retracted ones it grew out of, and the live one
      stored.merge(key(row), version, (a, b) -> a.retracted() ? b : a);
    }
    return stored;
  }

  /** Distinct events of [lo, hi) that the aggregation recorded as late. */
  long lateEvents(String aggregation, long lo, long hi) {
    return clickHouse.query("""
        SELECT uniqExact(event_id) AS n FROM late_events
        WHERE aggregation = :aggregation AND event_time_ms >= :lo AND event_time_ms < :hi""",
        Map.of("aggregation", aggregation, "lo", lo, "hi", hi)).get(0).get("n").asLong();
  }

  private static String dimension(String name, Map<String, Object> params) {
    String column = DIMENSION_COLUMNS.get(name);
    if (column != null) {
      return column;
    }
    // properties.KEY: the value at the key's position; index 0 (absent) yields '' like a missing dimension
    params.put("property", name.substring(Dimensions.PROPERTY_PREFIX.length()));
    return "e_values[indexOf(e_keys, :property)]";
  }

  private static String facet(AggregationDefinition definition, String name) {
    return definition.facets().contains(name) ? DIMENSION_COLUMNS.get(name) : "''";
  }

  private static String typeFilter(AggregationDefinition definition, Map<String, Object> params) {
    if (definition.eventTypes().isEmpty()) {
      return "";
    }
    List<String> placeholders = new ArrayList<>();
    for (String type : definition.eventTypes().stream().sorted().toList()) {
      String name = "type" + placeholders.size();
      params.put(name, type);
      placeholders.add(":" + name);
    }
    return " AND e_type IN (" + String.join(", ", placeholders) + ")";
  }

  private static WindowKey key(JsonNode row) {
    return new WindowKey(row.get("ws").asLong(), row.get("gk").asString(), row.get("ft").asString(),
        row.get("fc").asString(), row.get("fp").asString());
  }
}

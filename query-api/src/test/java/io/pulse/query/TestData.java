package io.pulse.query;

import io.pulse.clickhouse.ClickHouse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hand-written rows for the real ClickHouse the tests run against. Test classes use their own
 * aggregation names and never truncate, so data a class relies on cannot vanish under a cached
 * read of another class; re-inserting an identical row is harmless (reads keep the newest revision).
 */
public final class TestData {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestData() {}

  /** Declares an aggregation the way the aggregator publishes it. */
  public static void define(ClickHouse clickHouse, String name, String windowJson, String facetsJson, String groupBy,
      String measure) {
    String definition = """
        {"name":"%s","eventTypes":[],"groupBy":"%s","facets":%s,"measure":"%s","window":%s,"grace":"PT30S","emit":"UPDATES"}"""
        .formatted(name, groupBy, facetsJson, measure, windowJson);
    clickHouse.execute("INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES (:name, :definition, 1)",
        Map.of("name", name, "definition", definition));
  }

  /** {@link #define} with a late policy ({@code RECORD}, {@code AMEND} or {@code SIDE}) and its allowed lateness. */
  public static void define(ClickHouse clickHouse, String name, String windowJson, String facetsJson, String groupBy,
      String measure, String late, String allowedLateness) {
    String definition = """
        {"name":"%s","eventTypes":[],"groupBy":"%s","facets":%s,"measure":"%s","window":%s,"grace":"PT30S","emit":"UPDATES",\
        "late":"%s","allowedLateness":"%s"}""".formatted(name, groupBy, facetsJson, measure, windowJson, late, allowedLateness);
    clickHouse.execute("INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES (:name, :definition, 1)",
        Map.of("name", name, "definition", definition));
  }

  public static void tumbling(ClickHouse clickHouse, String name, String facetsJson) {
    define(clickHouse, name, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", facetsJson, "entityId", "COUNT");
  }

  /** One version of one window row; {@code with*} methods change a field. */
  public record Row(String aggregation, long startMs, long endMs, String key, String type, String country, String plan,
      long count, double value, long revision, boolean isFinal, boolean retracted, long watermarkMs, boolean amended,
      long lateCount) {

    public static Row of(String aggregation, Instant start, long sizeMs, String key, long count, long revision) {
      return new Row(aggregation, start.toEpochMilli(), start.toEpochMilli() + sizeMs, key, "", "", "", count, count,
          revision, false, false, 0, false, 0);
    }

    public Row withType(String value) {
      return new Row(aggregation, startMs, endMs, key, value, country, plan, count, this.value, revision, isFinal, retracted,
          watermarkMs, amended, lateCount);
    }

    public Row withCountry(String value) {
      return new Row(aggregation, startMs, endMs, key, type, value, plan, count, this.value, revision, isFinal, retracted,
          watermarkMs, amended, lateCount);
    }

    public Row asFinal() {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, value, revision, true, retracted,
          watermarkMs, amended, lateCount);
    }

    public Row asRetracted() {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, value, revision, isFinal, true,
          watermarkMs, amended, lateCount);
    }

    public Row withWatermark(Instant watermark) {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, value, revision, isFinal, retracted,
          watermark.toEpochMilli(), amended, lateCount);
    }

    public Row withValue(double newValue) {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, newValue, revision, isFinal, retracted,
          watermarkMs, amended, lateCount);
    }

    /** A final revision a late event reopened ({@code late: amend}). */
    public Row asAmended() {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, value, revision, true, retracted,
          watermarkMs, true, lateCount);
    }

    /** Late events counted beside the value ({@code late: side}). */
    public Row withLateCount(long late) {
      return new Row(aggregation, startMs, endMs, key, type, country, plan, count, value, revision, isFinal, retracted,
          watermarkMs, amended, late);
    }
  }

  public static void insert(ClickHouse clickHouse, List<Row> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Row row : rows) {
      ObjectNode json = JSON.createObjectNode()
          .put("aggregation", row.aggregation()).put("window_start_ms", row.startMs()).put("window_end_ms", row.endMs())
          .put("group_key", row.key()).put("type", row.type()).put("country", row.country()).put("plan", row.plan())
          .put("event_count", row.count()).put("value", row.value()).put("revision", row.revision())
          .put("is_final", row.isFinal() ? 1 : 0).put("retracted", row.retracted() ? 1 : 0)
          .put("watermark_ms", row.watermarkMs()).put("amended", row.amended() ? 1 : 0)
          .put("late_count", row.lateCount()).put("emitted_at_ms", System.currentTimeMillis());
      out.writeBytes(JSON.writeValueAsBytes(json));
      out.write('\n');
    }
    clickHouse.insertJsonEachRow("window_aggregates", out.toByteArray());
  }

  /**
   * A final row of a sketched measure (percentiles, approx-distinct-users) as the aggregator writes it: the
   * window's answer as its value and the sketch (base64) it came from; every event carried a value.
   */
  public record SketchedRow(String aggregation, long startMs, long sizeMs, String key, long count, double value,
      String sketch) {}

  public static void insertSketched(ClickHouse clickHouse, List<SketchedRow> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SketchedRow row : rows) {
      long end = row.startMs() + row.sizeMs();
      out.writeBytes(JSON.writeValueAsBytes(JSON.createObjectNode()
          .put("aggregation", row.aggregation()).put("window_start_ms", row.startMs()).put("window_end_ms", end)
          .put("group_key", row.key()).put("type", "").put("country", "").put("plan", "").put("event_count", row.count())
          .put("value", row.value()).put("revision", 2).put("is_final", 1).put("retracted", 0)
          .put("watermark_ms", end + row.sizeMs()).put("amended", 0).put("late_count", 0)
          .put("emitted_at_ms", end + row.sizeMs()).put("valued", row.count()).put("sketch", row.sketch())));
      out.write('\n');
    }
    clickHouse.insertJsonEachRow("window_aggregates", out.toByteArray());
  }

  public static void insert(ClickHouse clickHouse, Row... rows) {
    insert(clickHouse, List.of(rows));
  }

  /** {@code count} late events with ids {@code late-0..}: re-inserting them keeps the count. */
  public static void lateEvents(ClickHouse clickHouse, String aggregation, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"aggregation\":\"").append(aggregation).append("\",\"event_id\":\"late-").append(i)
          .append("\",\"event_time_ms\":1767225600000,\"watermark_ms\":1767225700000,\"reason\":\"behind watermark\",")
          .append("\"recorded_at_ms\":1767225800000}\n");
    }
    clickHouse.insertJsonEachRow("late_events", ndjson.toString().getBytes(StandardCharsets.UTF_8));
  }
}

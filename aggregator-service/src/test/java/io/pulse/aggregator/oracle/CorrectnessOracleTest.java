package io.pulse.aggregator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.support.TestClickHouse;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.localstack.LocalClickHouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle against a real ClickHouse holding hand-written raw events and window rows with known
 * faults: it must find exactly the lost and double-counted events, leave late events and windows
 * that are not final yet out, and recount filters, properties and sums like the topology does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectnessOracleTest {

  private static final Instant W = Instant.parse("2026-02-01T10:00:00Z");
  private static final long MINUTE = 60_000;

  private LocalClickHouse server;
  private ClickHouse clickHouse;
  private SimpleMeterRegistry registry;
  private CorrectnessOracle oracle;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = LocalClickHouse.start(dir, 0, 0);
    clickHouse = TestClickHouse.migrated(server);
    registry = new SimpleMeterRegistry();
    oracle = new CorrectnessOracle(new AggregatorProperties(List.of(
        tumbling("o-clicks", Set.of("click"), "entityId", List.of(), Measure.COUNT),
        tumbling("o-region", Set.of(), "properties.region", List.of("type"), Measure.COUNT),
        tumbling("o-value", Set.of("order"), "userId", List.of(), Measure.SUM),
        new AggregationDefinition("o-sessions", Set.of(), "userId", List.of(), Measure.COUNT,
            new WindowSpec(WindowType.SESSION, null, null, Duration.ofMinutes(5)), Duration.ofMinutes(1), EmitMode.UPDATES)),
        Duration.ofHours(1), Duration.ofMillis(250), Duration.ofSeconds(10)), clickHouse, new OracleMetrics(registry));

    // Window W: clicks a1-a4 on a (a4 late for o-clicks), b1-b2 on b, a view; an order of u1 (value 10) delivered twice.
    events(
        event("a1", "click", "u1", "a", "north", null, 1), event("a2", "click", "u2", "a", "north", null, 2),
        event("a3", "click", "u1", "a", "south", null, 3), event("a4", "click", "u3", "a", "south", null, 4),
        event("b1", "click", "u1", "b", "north", null, 5), event("b2", "click", "u2", "b", "", null, 6),
        event("v1", "view", "u1", "a", "north", null, 7), event("o1", "order", "u1", "a", "north", 10.0, 8),
        event("o1", "order", "u1", "a", "north", 10.0, 8));
    clickHouse.insertJsonEachRow("late_events", """
        {"aggregation":"o-clicks","event_id":"a4","event_time_ms":%d,"watermark_ms":0,"reason":"late","recorded_at_ms":0}
        """.formatted(W.toEpochMilli() + 4).getBytes(StandardCharsets.UTF_8));
    rows(
        // o-clicks: a lost one of its three on-time events (a4 is late), b double-counted one; an old revision is ignored
        row("o-clicks", 0, "a", "", 3, 3, 1), row("o-clicks", 0, "a", "", 2, 3, 2), row("o-clicks", 0, "b", "", 3, 3, 3),
        // o-region (every type; a4 is late for o-clicks only): exact; an event without a region is in no group
        row("o-region", 0, "north", "click", 3, 3, 1), row("o-region", 0, "north", "view", 1, 1, 1),
        row("o-region", 0, "north", "order", 1, 1, 1), row("o-region", 0, "south", "click", 2, 2, 1),
        // o-value: exact count and sum; the second minute only has a provisional row
        row("o-value", 0, "u1", "", 1, 10, 1), row("o-value", 1, "u9", "", 5, 5, 0));
  }

  @AfterAll
  void stop() {
    clickHouse.close();
    server.close();
  }

  @Test
  void findsEveryLostAndDoubleCountedEventAndNothingElse() {
    OracleReport report = oracle.check(W, W.plusSeconds(120), null);

    assertThat(report.aggregations()).extracting(AggregationCheck::aggregation).containsExactly("o-clicks", "o-region", "o-value");
    AggregationCheck clicks = report.aggregations().get(0);
    assertThat(clicks.lostEvents()).isEqualTo(1);
    assertThat(clicks.doubleCountedEvents()).isEqualTo(1);
    assertThat(clicks.lateEvents()).isEqualTo(1);
    assertThat(clicks.differences()).extracting(Difference::key, Difference::expectedEvents, Difference::countedEvents)
        .containsExactly(tuple("a", 3L, 2L), tuple("b", 2L, 3L));
    assertThat(report.aggregations().get(1).differences()).isEmpty();
    AggregationCheck value = report.aggregations().get(2);
    assertThat(value.differences()).isEmpty();
    assertThat(value.pendingWindows()).isEqualTo(1);
    assertThat(report.exact()).isFalse();
    assertThat(registry.get("pulse.oracle.double.counted.events").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void refusesAnEmptyRangeAndUnknownAggregations() {
    assertThatThrownBy(() -> oracle.check(W, W, null)).hasMessageContaining("from must be before to");
    assertThatThrownBy(() -> oracle.check(W, W.plusSeconds(60), "o-sessions")).hasMessageContaining("not a tumbling");
  }

  private static AggregationDefinition tumbling(String name, Set<String> types, String groupBy, List<String> facets,
      Measure measure) {
    return new AggregationDefinition(name, types, groupBy, facets, measure,
        new WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(1), null, null), Duration.ofMinutes(1), EmitMode.UPDATES);
  }

  private static String event(String id, String type, String user, String entity, String region, Double value, long offsetMs) {
    String properties = region.isEmpty() ? "[],\"property_values\":[]" : "[\"region\"],\"property_values\":[\"" + region + "\"]";
    return """
        {"event_id":"%s","type":"%s","user_id":"%s","entity_id":"%s","value":%s,"event_time_ms":%d,"country":"unknown",\
        "plan":"unknown","property_keys":%s,"received_at_ms":0}""".formatted(id, type, user, entity,
        value == null ? "null" : value, W.toEpochMilli() + offsetMs, properties);
  }

  private static String row(String aggregation, int minute, String key, String type, long count, double value, long revision) {
    long start = W.toEpochMilli() + minute * MINUTE;
    return """
        {"aggregation":"%s","window_start_ms":%d,"window_end_ms":%d,"group_key":"%s","type":"%s","country":"","plan":"",\
        "event_count":%d,"value":%s,"revision":%d,"is_final":%d,"retracted":0,"watermark_ms":0,"emitted_at_ms":0}"""
        .formatted(aggregation, start, start + MINUTE, key, type, count, value, revision, revision > 0 ? 1 : 0);
  }

  private void events(String... rows) {
    clickHouse.insertJsonEachRow("events", String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
  }

  private void rows(String... rows) {
    clickHouse.insertJsonEachRow("window_aggregates", String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
  }
}

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
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The oracle against a real ClickHouse holding hand-written raw events and window rows with known
 * faults: it must find exactly the lost and double-counted events, leave late events and windows
 * that are not final yet out, and recount filters, properties and sums like the topology does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectnessOracleTest {

  private static final Instant W = Instant.parse("2026-02-01T10:00:00Z");
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;

  private ClickHouseServer server;
  private ClickHouse clickHouse;
  private SimpleMeterRegistry registry;
  private CorrectnessOracle oracle;

  @BeforeAll
  void start() {
    server = TestServers.startClickHouse();
    clickHouse = TestClickHouse.migrated(server);
    registry = new SimpleMeterRegistry();
    oracle = new CorrectnessOracle(new AggregatorProperties(List.of(
        tumbling("o-clicks", Set.of("click"), "entityId", List.of(), Measure.COUNT),
        tumbling("o-region", Set.of(), "properties.region", List.of("type"), Measure.COUNT),
        tumbling("o-value", Set.of("order"), "userId", List.of(), Measure.SUM),
        tumbling("o-max", Set.of("order", "click"), "userId", List.of(), Measure.MAX),
        windowed("o-hop", new WindowSpec(WindowType.HOPPING, Duration.ofMinutes(2), Duration.ofMinutes(1), null), "entityId",
            Measure.COUNT),
        windowed("o-slide", new WindowSpec(WindowType.SLIDING, Duration.ofMinutes(1), null, null), "entityId",
            Measure.DISTINCT_USERS),
        windowed("o-sessions", new WindowSpec(WindowType.SESSION, null, null, Duration.ofMinutes(5)), "userId", Measure.COUNT)),
        Duration.ofHours(1), Duration.ofMillis(250), Duration.ofSeconds(10), Set.of(), 0, 0), clickHouse, new OracleMetrics(registry));

    // Window W: clicks a1-a4 on a (a4 late for o-clicks), b1-b2 on b, a view; an order of u1 (value 10) delivered twice.
    events(
        event("a1", "click", "u1", "a", "north", null, 1), event("a2", "click", "u2", "a", "north", null, 2),
        event("a3", "click", "u1", "a", "south", null, 3), event("a4", "click", "u3", "a", "south", null, 4),
        event("b1", "click", "u1", "b", "north", null, 5), event("b2", "click", "u2", "b", "", null, 6),
        event("v1", "view", "u1", "a", "north", null, 7), event("o1", "order", "u1", "a", "north", 10.0, 8),
        event("o1", "order", "u1", "a", "north", 10.0, 8));
    clickHouse.insertJsonEachRow("late_events", """
        {"aggregation":"o-clicks","event_id":"a4","event_time_ms":%d,"watermark_ms":%d,"reason":"late","recorded_at_ms":0}
        """.formatted(W.toEpochMilli() + 4, W.toEpochMilli() + MINUTE + 5_000).getBytes(StandardCharsets.UTF_8));
    rows(
        // o-clicks: a lost one of its three on-time events (a4 is late), b double-counted one; an old revision is ignored
        row("o-clicks", 0, "a", "", 3, 3, 1), row("o-clicks", 0, "a", "", 2, 3, 2), row("o-clicks", 0, "b", "", 3, 3, 3),
        // o-region (every type; a4 is late for o-clicks only): exact; an event without a region is in no group
        row("o-region", 0, "north", "click", 3, 3, 1), row("o-region", 0, "north", "view", 1, 1, 1),
        row("o-region", 0, "north", "order", 1, 1, 1), row("o-region", 0, "south", "click", 2, 2, 1),
        // o-value: exact count and sum; the second minute only has a provisional row
        row("o-value", 0, "u1", "", 1, 10, 1), row("o-value", 1, "u9", "", 5, 5, 0),
        // o-max (orders and clicks; clicks have no value): u1's largest value is 10, stored as 9; u2, u3 have none
        row("o-max", 0, "u1", "", 4, 9, 1), row("o-max", 0, "u2", "", 2, 0, 1), row("o-max", 0, "u3", "", 1, 0, 1));

    // An hour later, views for the other window types: u1 at +0 s and +90 s, u2 at +30 s, all on product h.
    events(event("x1", "view", "u1", "h", "", null, HOUR), event("x2", "view", "u2", "h", "", null, HOUR + 30_000),
        event("x3", "view", "u1", "h", "", null, HOUR + 90_000));
    rows(
        // hopping 2m every 1m: [-1m, +1m) holds x1 x2, [0, 2m) all three, [1m, 3m) x3 but counts two
        span("o-hop", -60_000, 60_000, "h", 2, 2, 1, false), span("o-hop", 0, 120_000, "h", 3, 3, 1, false),
        span("o-hop", 60_000, 180_000, "h", 2, 2, 1, false),
        // sliding 1m, distinct users, one window ending at each view: [-1m, 0] u1; [-30s, 30s] u1 u2; [30s, 90s] u2 u1
        span("o-slide", -60_000, 0, "h", 1, 1, 1, false), span("o-slide", -30_000, 30_000, "h", 2, 2, 1, false),
        span("o-slide", 30_000, 90_000, "h", 2, 2, 1, false),
        // sessions, gap 5m: u1 [0, 90s] (its earlier span [0, 0] retracted), u2 [30s, 30s] stored with a wrong end
        span("o-sessions", 0, 0, "u1", 0, 0, Long.MAX_VALUE, true), span("o-sessions", 0, 90_000, "u1", 2, 2, 5, false),
        span("o-sessions", 30_000, 40_000, "u2", 1, 1, 3, false));

    // Three hours in, o-hop (2m every 1m, grace 1m): stream time reached +3:10 (watermark +2:10), then y2 at +1:10
    // came: late for [0, 2m), on time for [1m, 3m); y4 on m likewise, but the topology lost it from [1m, 3m).
    long hop = W.toEpochMilli() + 3 * HOUR;
    events(event("y1", "view", "uy", "k", "", null, 3 * HOUR + 30_000), event("y3", "view", "uy", "n", "", null, 3 * HOUR + 190_000),
        event("y2", "view", "uy", "k", "", null, 3 * HOUR + 70_000), event("y4", "view", "uy", "m", "", null, 3 * HOUR + 75_000));
    late("o-hop", "y2", hop + 70_000, hop + 130_000);
    late("o-hop", "y4", hop + 75_000, hop + 130_000);
    rows(
        windowRow("o-hop", hop - MINUTE, hop + MINUTE, "k", 1, 1, true, hop + 2 * MINUTE),
        windowRow("o-hop", hop, hop + 2 * MINUTE, "k", 1, 2, true, hop + 3 * MINUTE),         // y1 only: y2 was late for it
        windowRow("o-hop", hop + MINUTE, hop + 3 * MINUTE, "k", 1, 3, true, hop + 4 * MINUTE)); // y2 only; m's closed, no row

    // Four hours in, o-sessions (gap 5m) after its watermark reached +7m: u5's session [0, 1m] final, u6's [30s, 30s]
    // closed (at 5m30s) without a row, u7's [6m, 6m] closes at 11m: not yet.
    long sessions = W.toEpochMilli() + 4 * HOUR;
    events(event("z1", "view", "u5", "s", "", null, 4 * HOUR), event("z2", "view", "u5", "s", "", null, 4 * HOUR + MINUTE),
        event("z3", "view", "u6", "s", "", null, 4 * HOUR + 30_000), event("z4", "view", "u7", "s", "", null, 4 * HOUR + 6 * MINUTE));
    rows(windowRow("o-sessions", sessions, sessions + MINUTE, "u5", 2, 1, true, sessions + 7 * MINUTE));
  }

  @Test
  void aHoppingEventLateForItsOlderWindowsIsNeitherLostNorDoubleCountedInTheOthers() {
    Instant hop = W.plusMillis(3 * HOUR);
    AggregationCheck check = oracle.check(hop, hop.plusSeconds(120), "o-hop").aggregations().getFirst();

    assertThat(check.doubleCountedEvents()).as("y2 counted in [1m, 3m), where it was on time").isZero();
    assertThat(check.lateEvents()).isEqualTo(2);
    assertThat(check.expectedEvents()).as("[0, 2m): y1; [1m, 3m): y2 and y4").isEqualTo(3);
    assertThat(check.lostEvents()).as("y4, missing from a window it was on time for").isEqualTo(1);
    assertThat(check.differences()).extracting(Difference::key, Difference::expectedEvents, Difference::countedEvents)
        .containsExactly(tuple("m", 1L, 0L));
  }

  @Test
  void aSessionTheWatermarkHasNotClosedIsPendingAndAClosedOneWithoutItsRowIsLost() {
    Instant sessions = W.plusMillis(4 * HOUR);
    OracleReport report = oracle.check(sessions, sessions.plusSeconds(600), "o-sessions");
    AggregationCheck check = report.aggregations().getFirst();

    assertThat(check.watermark()).isEqualTo(sessions.plusSeconds(420));
    assertThat(check.pendingWindows()).as("u7's session, open").isEqualTo(1);
    assertThat(check.pendingEvents()).isEqualTo(1);
    assertThat(check.expectedEvents()).as("u5's and u6's sessions").isEqualTo(3);
    assertThat(check.countedEvents()).isEqualTo(2);
    assertThat(check.lostEvents()).as("u6's session, closed without a row").isEqualTo(1);
    assertThat(check.differences()).extracting(Difference::key).containsExactly("u6");
    assertThat(report.pendingWindows()).isEqualTo(1);
    assertThat(report.pendingEvents()).isEqualTo(1);
  }

  @Test
  void recountsHoppingSlidingAndSessionWindowsByTheirDefinitions() {
    OracleReport report = oracle.check(W.plusMillis(HOUR - 60_000), W.plusMillis(HOUR + 180_000), null);

    AggregationCheck hop = check(report, "o-hop");
    assertThat(hop.doubleCountedEvents()).isEqualTo(1);
    assertThat(hop.differences()).extracting(d -> d.windowStart().toEpochMilli() - W.toEpochMilli() - HOUR)
        .containsExactly(60_000L);
    assertThat(check(report, "o-slide").differences()).isEmpty();
    assertThat(check(report, "o-slide").expectedEvents()).isEqualTo(5);
    AggregationCheck sessions = check(report, "o-sessions");
    assertThat(sessions.lostEvents()).isZero();
    assertThat(sessions.differences()).as("the session stored with another span than its events make")
        .extracting(Difference::key).containsExactly("u2");
  }

  @AfterAll
  void stop() {
    clickHouse.close();
    server.close();
  }

  @Test
  void findsEveryLostAndDoubleCountedEventAndNothingElse() {
    OracleReport report = oracle.check(W, W.plusSeconds(120), null);

    assertThat(report.aggregations()).extracting(AggregationCheck::aggregation)
        .containsExactly("o-clicks", "o-region", "o-value", "o-max", "o-hop", "o-slide", "o-sessions");
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
    assertThat(check(report, "o-sessions").lostEvents()).as("no session rows stored for minute W").isPositive();
    assertThat(check(report, "o-max").differences()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo("u1");
      assertThat(d.expectedValue()).isEqualTo(10.0);
      assertThat(d.storedValue()).isEqualTo(9.0);
    });
  }

  @Test
  void refusesAnEmptyRangeAndUnknownAggregations() {
    assertThatThrownBy(() -> oracle.check(W, W, null)).hasMessageContaining("from must be before to");
    assertThatThrownBy(() -> oracle.check(W, W.plusSeconds(60), "o-nothing")).hasMessageContaining("not an aggregation");
  }

  private static AggregationCheck check(OracleReport report, String aggregation) {
    return report.aggregations().stream().filter(c -> c.aggregation().equals(aggregation)).findFirst().orElseThrow();
  }

  private static AggregationDefinition windowed(String name, WindowSpec window, String groupBy, Measure measure) {
    return new AggregationDefinition(name, Set.of("view"), groupBy, List.of(), measure, window, Duration.ofMinutes(1),
        EmitMode.UPDATES);
  }

  /** A row of the hour-later windows, written once the watermark had closed them all. */
  private static String span(String aggregation, long startMs, long endMs, String key, long count, double value, long revision,
      boolean retracted) {
    long start = W.toEpochMilli() + HOUR + startMs;
    return """
        {"aggregation":"%s","window_start_ms":%d,"window_end_ms":%d,"group_key":"%s","type":"","country":"","plan":"",\
        "event_count":%d,"value":%s,"revision":%d,"is_final":%d,"retracted":%d,"watermark_ms":%d,"emitted_at_ms":0}"""
        .formatted(aggregation, start, W.toEpochMilli() + HOUR + endMs, key, count, value, revision, retracted ? 0 : 1,
            retracted ? 1 : 0, W.toEpochMilli() + HOUR + 10 * MINUTE);
  }

  /** A count row at absolute times, with the watermark it was written at. */
  private static String windowRow(String aggregation, long start, long end, String key, long count, long revision,
      boolean isFinal, long watermark) {
    return """
        {"aggregation":"%s","window_start_ms":%d,"window_end_ms":%d,"group_key":"%s","type":"","country":"","plan":"",\
        "event_count":%d,"value":%d,"revision":%d,"is_final":%d,"retracted":0,"watermark_ms":%d,"emitted_at_ms":0}"""
        .formatted(aggregation, start, end, key, count, count, revision, isFinal ? 1 : 0, watermark);
  }

  private void late(String aggregation, String eventId, long eventTime, long watermark) {
    clickHouse.insertJsonEachRow("late_events", """
        {"aggregation":"%s","event_id":"%s","event_time_ms":%d,"watermark_ms":%d,"reason":"late","recorded_at_ms":0}
        """.formatted(aggregation, eventId, eventTime, watermark).getBytes(StandardCharsets.UTF_8));
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
        "event_count":%d,"value":%s,"revision":%d,"is_final":%d,"retracted":0,"watermark_ms":%d,"emitted_at_ms":0}"""
        .formatted(aggregation, start, start + MINUTE, key, type, count, value, revision, revision > 0 ? 1 : 0,
            revision > 0 ? start + 2 * MINUTE : start);
  }

  private void events(String... rows) {
    clickHouse.insertJsonEachRow("events", String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
  }

  private void rows(String... rows) {
    clickHouse.insertJsonEachRow("window_aggregates", String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
  }
}

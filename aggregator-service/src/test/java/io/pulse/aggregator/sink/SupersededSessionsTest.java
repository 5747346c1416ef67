package io.pulse.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.support.TestClickHouse;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Against a real ClickHouse: provisional session rows that a crash left behind inside a final
 * session are retracted, and nothing else is — not another group's rows, not the same user's rows
 * in another facet, not a later session, not other aggregations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupersededSessionsTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private ClickHouseServer server;
  private ClickHouse clickHouse;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private SupersededSessions superseded;

  @BeforeAll
  void start() {
    server = TestServers.startClickHouse();
    clickHouse = TestClickHouse.migrated(server);
    superseded = new SupersededSessions(clickHouse, new AggregatorProperties(List.of(
        session("sessions", EmitMode.UPDATES), session("sessions-final-only", EmitMode.FINAL),
        new AggregationDefinition("per-minute", Set.of(), "userId", List.of(), Measure.COUNT,
            new WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(1), null, null), Duration.ZERO, EmitMode.UPDATES)),
        Duration.ofHours(1), Duration.ofMillis(250), Duration.ofSeconds(10), Set.of(), 0, 0), registry);
  }

  @AfterAll
  void stop() {
    clickHouse.close();
    server.close();
  }

  @Test
  void provisionalRowsInsideAFinalSessionOfTheirGroupAreRetractedAndNothingElse() {
    insert(
        result("sessions", "u1", "DE", 0, 30, 2, 4, false),       // left behind: the session as it was before the crash
        result("sessions", "u1", "DE", 10, 50, 5, 9, false),      // left behind as well
        result("sessions", "u1", "DE", 0, 30, 0, 3, false),       // an older revision of the first: not a row of its own
        result("sessions", "u1", "DE", 20, 40, 0, WindowResult.RETRACTED_REVISION, false),  // retracted already
        result("sessions", "u1", "FR", 10, 20, 1, 1, false),      // the same user in another facet: another group
        result("sessions", "u2", "DE", 10, 20, 1, 1, false),      // another user
        result("sessions", "u1", "DE", 200, 210, 1, 1, false),    // a later session of u1, still open
        result("sessions-final-only", "u1", "DE", 10, 20, 1, 1, false),
        result("per-minute", "u1", "DE", 0, 60, 3, 3, false));
    WindowResult fin = result("sessions", "u1", "DE", 0, 60, 9, 20, true);
    insert(fin);

    List<WindowResult> retractions = superseded.retractionsFor(List.of(fin,
        result("sessions", "u3", "DE", 0, 60, 1, 1, false),              // provisional rows trigger nothing
        result("sessions-final-only", "u1", "DE", 0, 60, 1, 2, true)));  // nor finals of emit-final aggregations

    assertThat(retractions)
        .extracting(r -> r.windowStart().getEpochSecond() - T.getEpochSecond(), r -> r.windowEnd().getEpochSecond() - T.getEpochSecond(),
            WindowResult::retracted, WindowResult::revision)
        .containsExactlyInAnyOrder(tuple(0L, 30L, true, WindowResult.RETRACTED_REVISION),
            tuple(10L, 50L, true, WindowResult.RETRACTED_REVISION));
    assertThat(registry.get("pulse.sink.superseded.sessions").counter().count()).isEqualTo(2.0);
    insert(retractions.toArray(WindowResult[]::new));
    assertThat(superseded.retractionsFor(List.of(fin))).as("nothing left to retract").isEmpty();
    assertThat(clickHouse.query("""
        SELECT group_key, country, window_start_ms FROM window_aggregates FINAL
        WHERE aggregation = 'sessions' AND retracted = 0""").stream()
        .map(r -> r.get("group_key").asString() + "/" + r.get("country").asString() + "@"
            + (r.get("window_start_ms").asLong() - T.toEpochMilli()) / 1000)
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("u1/DE@0", "u1/FR@10", "u2/DE@10", "u1/DE@200");
  }

  private static AggregationDefinition session(String name, EmitMode emit) {
    return new AggregationDefinition(name, Set.of(), "userId", List.of("country"), Measure.COUNT,
        new WindowSpec(WindowType.SESSION, null, null, Duration.ofMinutes(1)), Duration.ZERO, emit);
  }

  private static WindowResult result(String aggregation, String user, String country, int startSecond, int endSecond,
      long count, long revision, boolean isFinal) {
    return new WindowResult(aggregation, T.plusSeconds(startSecond), T.plusSeconds(endSecond), user, "", country, "",
        count, count, revision, isFinal, revision == WindowResult.RETRACTED_REVISION, T, T, T);
  }

  private void insert(WindowResult... rows) {
    TableWriter.rowBinary(clickHouse, registry, "window_aggregates", Rows.WINDOW_AGGREGATE_COLUMNS, Rows::windowAggregate)
        .write(List.of(rows));
  }
}

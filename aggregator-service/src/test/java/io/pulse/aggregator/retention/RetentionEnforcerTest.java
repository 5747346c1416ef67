package io.pulse.aggregator.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.aggregator.support.TestClickHouse;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.RetentionProperties;
import io.pulse.clickhouse.TimePartitions;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention against a real ClickHouse (the local 18.16 by default, compose's image under
 * -Pcontainers): with the default settings, the month partitions of events, window_aggregates and
 * late_events that lie wholly before their retention go, and every month that still holds a row
 * inside it stays, whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionEnforcerTest {

  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final List<String> TABLES = List.of("events", "window_aggregates", "late_events");

  private ClickHouseServer server;
  private ClickHouse clickHouse;
  private SimpleMeterRegistry registry;
  private RetentionEnforcer enforcer;

  @BeforeAll
  void start() {
    server = TestServers.startClickHouse();
    clickHouse = TestClickHouse.migrated(server);
  }

  @AfterAll
  void stop() {
    clickHouse.close();
    server.close();
  }

  @BeforeEach
  void emptyTables() {
    TABLES.forEach(table -> clickHouse.execute("TRUNCATE TABLE " + table));
    registry = new SimpleMeterRegistry();
    enforcer = new RetentionEnforcer(clickHouse, new TimePartitions(clickHouse), RetentionProperties.defaults(), registry);
  }

  @Test
  void rawEventsKeepEveryMonthThatHoldsAnEventOfTheLastSevenDays() {
    events("2026-04-20T08:00:00Z", "2026-05-31T23:59:59Z", "2026-06-01T00:00:00Z", "2026-06-15T11:59:00Z");

    List<RetentionEnforcer.Dropped> dropped = enforcer.enforce(NOW);

    assertThat(dropped).extracting(d -> d.table() + " " + d.partition().id())
        .containsExactly("events 202604", "events 202605");
    assertThat(months("events")).as("June holds events of the last 7 days, so all of June stays").containsExactly("202606");
    assertThat(count("SELECT count() AS n FROM events")).isEqualTo(2);
    assertThat(droppedCounter("events")).isEqualTo(2);
  }

  @Test
  void windowRowsKeepEveryMonthThatHoldsAWindowOfTheLastNinetyDays() {
    windows("2026-01-10T10:00:00Z", "2026-02-28T23:59:00Z", "2026-03-01T00:00:00Z", "2026-06-15T11:59:00Z");

    enforcer.enforce(NOW);

    // Cutoff 2026-03-17T12:00Z: January and February lie before it, March reaches past it.
    assertThat(months("window_aggregates")).containsExactly("202603", "202606");
    assertThat(count("SELECT count() AS n FROM window_aggregates")).isEqualTo(2);
    assertThat(droppedCounter("window_aggregates")).isEqualTo(2);
  }

  @Test
  void lateEventsKeepEveryMonthThatHoldsALateEventOfTheLastThirtyDays() {
    lateEvents("2026-04-30T23:00:00Z", "2026-05-01T00:00:00Z", "2026-06-10T00:00:00Z");

    enforcer.enforce(NOW);

    // Cutoff 2026-05-16T12:00Z: April lies before it; May reaches past it.
    assertThat(months("late_events")).containsExactly("202605", "202606");
    assertThat(droppedCounter("late_events")).isEqualTo(1);
  }

  @Test
  void aSecondRunFindsNothingMoreToDropAndEachTableFollowsItsOwnRetention() {
    String month = "2026-04-20T08:00:00Z";
    events(month);
    windows(month);
    lateEvents(month);

    assertThat(enforcer.enforce(NOW)).extracting(RetentionEnforcer.Dropped::table)
        .as("April is past 7 and 30 days, not past 90").containsExactly("events", "late_events");
    assertThat(enforcer.enforce(NOW)).isEmpty();
    assertThat(months("window_aggregates")).containsExactly("202604");
  }

  @Test
  void theScheduleEnforcesAtStartAndKeepsEnforcing() {
    Instant now = Instant.now();
    events(now.minus(Duration.ofDays(400)).toString(), now.toString());
    RetentionProperties everyTenthOfASecond = new RetentionProperties(true, Duration.ofDays(7), Duration.ofDays(90),
        Duration.ofDays(30), Duration.ofMillis(100));
    RetentionSchedule schedule = new RetentionSchedule(enforcer, everyTenthOfASecond, registry);
    schedule.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> months("events").size() == 1);
      events(now.minus(Duration.ofDays(200)).toString());
      await().atMost(Duration.ofSeconds(20)).until(() -> droppedCounter("events") == 2);
      assertThat(months("events")).containsExactly(month(now));
      assertThat(registry.counter("pulse.retention.failures").count()).isZero();
    } finally {
      schedule.stop();
    }
    assertThat(schedule.isRunning()).isFalse();
  }

  @Test
  void turnedOffItDropsNothing() {
    events("2020-01-01T00:00:00Z");
    RetentionSchedule off = new RetentionSchedule(enforcer, new RetentionProperties(false, Duration.ofDays(7),
        Duration.ofDays(90), Duration.ofDays(30), Duration.ofHours(1)), registry);

    off.start();

    assertThat(off.isRunning()).isFalse();
    assertThat(months("events")).containsExactly("202001");
  }

  private static String month(Instant time) {
    return time.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 7).replace("-", "");
  }

  private List<String> months(String table) {
    return new TimePartitions(clickHouse).of(table).stream().map(TimePartitions.Partition::id).toList();
  }

  private long count(String sql) {
    return clickHouse.query(sql).get(0).get("n").asLong();
  }

  private double droppedCounter(String table) {
    return registry.counter("pulse.retention.dropped.partitions", "table", table).count();
  }

  private void events(String... times) {
    insert("events", Stream.of(times).map(time -> """
        {"event_id":"e-%s","type":"click","user_id":"u","entity_id":"p","value":null,"event_time_ms":%d,"country":"",\
        "plan":"","property_keys":[],"property_values":[],"received_at_ms":0}""".formatted(time, millis(time))));
  }

  private void windows(String... starts) {
    insert("window_aggregates", Stream.of(starts).map(start -> """
        {"aggregation":"r-clicks","window_start_ms":%d,"window_end_ms":%d,"group_key":"p","type":"","country":"","plan":"",\
        "event_count":1,"value":1,"revision":1,"is_final":1,"retracted":0,"watermark_ms":0,"emitted_at_ms":0}"""
        .formatted(millis(start), millis(start) + 60_000)));
  }

  private void lateEvents(String... times) {
    insert("late_events", Stream.of(times).map(time -> """
        {"aggregation":"r-clicks","event_id":"l-%s","event_time_ms":%d,"watermark_ms":0,"reason":"late","recorded_at_ms":0}"""
        .formatted(time, millis(time))));
  }

  private void insert(String table, Stream<String> rows) {
    clickHouse.insertJsonEachRow(table, String.join("\n", rows.toList()).getBytes(StandardCharsets.UTF_8));
  }

  private static long millis(String time) {
    return Instant.parse(time).toEpochMilli();
  }
}

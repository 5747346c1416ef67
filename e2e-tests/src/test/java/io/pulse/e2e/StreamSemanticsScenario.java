package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import io.pulse.deployment.ExportedMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Tumbling, hopping and session windows and a grouping by an enriched dimension, over real Kafka
 * and ClickHouse: shuffled events, duplicates and late events go in; every final value in ClickHouse
 * must equal what this test computes on its own, and every late event must be on record.
 *
 * <p>Timeline (event time): main events in [base, base+3m), shuffled; once all of them are counted,
 * one "clock" event per user at base+12m, which moves every task's watermark to base+8m (grace 4m)
 * and so closes every main window; then "late" events at base+30s, each sent by a user after that
 * user's clock event (same partitions, so they are processed after it) — late for every aggregation.
 * Waiting before the clocks matters: stream time is per partition and Kafka orders records only
 * within a partition, so a clock sent earlier could overtake main events of other users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamSemanticsScenario {

  private static final List<String> TYPES = List.of("click", "view", "order");
  private static final List<String> COUNTRIES = List.of("DE", "FR", "US", "BR");
  private static final int USERS = 120;
  private static final int EVENTS = 4000;

  Platform platform;
  private PlatformClient client;
  private final Map<String, String[]> profiles = new HashMap<>();

  abstract String processingGuarantee();

  @BeforeAll
  void startPlatform() throws Exception {
    Path config = Path.of(getClass().getResource("/semantics-aggregations.yml").toURI());
    platform = Platform.start(getClass().getSimpleName(), Map.of(
        "SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + config,
        "PULSE_PROCESSING_GUARANTEE", processingGuarantee()));
    client = new PlatformClient(platform);
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void everyFinalValueMatchesAnIndependentComputationAndEveryLateEventIsOnRecord() throws Exception {
    Random random = new Random(7);
    Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
    publishProfilesAndWaitUntilTheyEnrich(base);

    List<Event> main = mainEvents(base, random);
    for (int i = 0; i < main.size(); i += 500) {
      assertThat(client.postArray(main.subList(i, Math.min(main.size(), i + 500))).statusCode()).isEqualTo(202);
    }
    await("main events counted by every aggregation").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> counted("it-tumbling") == EVENTS && counted("it-hopping") == 5L * EVENTS
            && counted("it-sessions") == EVENTS && counted("it-country") == EVENTS);
    assertThat(client.postNdjson(main.subList(0, 500)).statusCode()).as("a retried batch").isEqualTo(202);
    List<Event> clocks = new ArrayList<>();
    List<Event> lates = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      clocks.add(event("clock-" + u, "click", user(u), entity(u), base.plus(Duration.ofMinutes(12))));
      lates.add(event("late-" + u, "view", user(u), entity(u), base.plusSeconds(30)));
    }
    assertThat(client.postArray(clocks).statusCode()).isEqualTo(202);
    assertThat(client.postArray(lates).statusCode()).isEqualTo(202);

    long mainEnd = base.plus(Duration.ofMinutes(6)).toEpochMilli();
    await("final tumbling values").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertFinal("it-tumbling", mainEnd, Expected.tumbling(main, Duration.ofMinutes(1), Event::entityId)));
    await("final hopping values").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertFinal("it-hopping", mainEnd, Expected.hopping(main, Duration.ofMinutes(5), Duration.ofMinutes(1))));
    await("final sessions").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertFinal("it-sessions", mainEnd, Expected.sessions(main, Duration.ofMinutes(1))));
    await("final values per country and plan").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertFinal("it-country", mainEnd,
            Expected.tumbling(main, Duration.ofMinutes(1), e -> country(e.userId()) + "/" + plan(e.userId()))));

    Set<String> lateIds = new HashSet<>(lates.stream().map(Event::eventId).toList());
    await("late events on record").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          for (String aggregation : List.of("it-tumbling", "it-hopping", "it-sessions", "it-country")) {
            assertThat(ids(client.clickHouse(
                "SELECT event_id FROM late_events FINAL WHERE aggregation = '" + aggregation + "'")))
                .as("late events of %s", aggregation).isEqualTo(lateIds);
          }
        });
    assertThat(client.metric(platform.aggregator, "pulse_stream_late_total")).isEqualTo(4.0 * USERS);
    assertThat(client.metric(platform.aggregator, "pulse_stream_duplicates_total")).isEqualTo(500.0);
    assertThat(client.clickHouse("SELECT uniqExact(event_id) AS n FROM events WHERE event_id NOT LIKE 'probe-%'")
        .get(0).get("n").asLong()).as("one raw row per accepted eventId").isEqualTo(EVENTS + 2L * USERS);
    everyDashboardMetricIsExportedByTheRunningServices();
  }

  /** The Grafana dashboards only chart what the services really export (after this traffic, plus one rejection). */
  private void everyDashboardMetricIsExportedByTheRunningServices() throws Exception {
    assertThat(client.postArray(List.of()).statusCode()).as("an empty batch is rejected").isEqualTo(400);
    client.query("/v1/aggregations");
    ExportedMetrics.verifyEndpoints(List.of(platform.ingest.url("").toString(), platform.aggregator.url("").toString(),
        platform.query.url("").toString())).assertDashboardsExported();
  }

  private void publishProfilesAndWaitUntilTheyEnrich(Instant base) throws Exception {
    List<Event> probes = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      if (u % 10 != 9) { // every tenth user stays without a profile: "unknown"
        String country = COUNTRIES.get(u % COUNTRIES.size());
        String plan = u % 3 == 0 ? "pro" : "free";
        profiles.put(user(u), new String[] {country, plan});
        assertThat(client.putProfile(user(u), country, plan).statusCode()).isEqualTo(202);
      }
      probes.add(event("probe-" + u, "probe", user(u), null, base));
    }
    // A probe per user, counted by no aggregation: once it is enriched, the user's profile is in the table.
    assertThat(client.postArray(probes).statusCode()).isEqualTo(202);
    await("profiles joined").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> client.clickHouse("SELECT count() AS n FROM events WHERE type = 'probe' AND country != 'unknown'")
            .get(0).get("n").asLong() == profiles.size());
  }

  /** Events counted so far by an aggregation: the newest revision of every window, summed. */
  private long counted(String aggregation) throws Exception {
    return client.clickHouse("SELECT sum(event_count) AS n FROM window_aggregates FINAL WHERE aggregation = '"
        + aggregation + "' AND retracted = 0").get(0).get("n").asLong();
  }

  private void assertFinal(String aggregation, long startsBefore, Map<String, Long> expected) throws Exception {
    List<JsonNode> rows = client.clickHouse("""
        SELECT window_start_ms, window_end_ms, group_key, type, country, plan, value, is_final
        FROM window_aggregates FINAL
        WHERE aggregation = '%s' AND retracted = 0 AND window_start_ms < %d""".formatted(aggregation, startsBefore));
    Map<String, Long> actual = new HashMap<>();
    for (JsonNode row : rows) {
      String facets = row.get("plan").asString().isEmpty() ? "" : "/" + row.get("plan").asString();
      String key = Expected.key(row.get("window_start_ms").asLong(), row.get("window_end_ms").asLong(),
          row.get("group_key").asString() + facets);
      actual.put(key, row.get("value").asLong());
      assertThat(row.get("is_final").asInt()).as("%s %s is final", aggregation, key).isEqualTo(1);
    }
    assertThat(actual).as(aggregation).containsExactlyInAnyOrderEntriesOf(expected);
  }

  private List<Event> mainEvents(Instant base, Random random) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      int u = random.nextInt(USERS);
      events.add(event("main-" + i, TYPES.get(random.nextInt(TYPES.size())), user(u),
          "product-%02d".formatted(random.nextInt(50)), base.plusMillis(random.nextInt(180_000))));
    }
    Collections.shuffle(events, random);
    return events;
  }

  private static Event event(String id, String type, String user, String entity, Instant time) {
    return new Event(id, type, user, entity, null, time, Map.of());
  }

  private static String user(int u) {
    return "user-%03d".formatted(u);
  }

  /** Every user's clock and late events share one entity, so all three follow one partition path. */
  private static String entity(int u) {
    return "product-%02d".formatted(u % 50);
  }

  private String country(String user) {
    return profiles.containsKey(user) ? profiles.get(user)[0] : "unknown";
  }

  private String plan(String user) {
    return profiles.containsKey(user) ? profiles.get(user)[1] : "unknown";
  }

  private static Set<String> ids(List<JsonNode> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.get("event_id").asString()));
    return ids;
  }
}

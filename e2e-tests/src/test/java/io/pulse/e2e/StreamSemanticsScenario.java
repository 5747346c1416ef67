package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
 * Tumbling, hopping and session windows, a grouping by an enriched dimension, the sketched measures
 * and the late policies, over real Kafka and ClickHouse: shuffled events, duplicates and late events
 * go in; every final value in ClickHouse must equal what this test computes on its own (sketches:
 * within their stated error, read through the query API), late events must be amended into their
 * windows (late: amend), counted beside them (late: side) or on record, as each aggregation declares.
 *
 * <p>Timeline (event time): main events in [base, base+3m), shuffled; once all of them are counted,
 * one "clock" event per user at base+12m, which moves every task's watermark to base+8m (grace 4m)
 * and so closes every main window; then "late" events at base+30s, each sent by a user after that
 * user's clock event (same partitions, so they are processed after it) — late for every aggregation,
 * and "ancient" ones at base-5m, beyond the late policies' allowed lateness (10m).
 * Waiting before the clocks matters: stream time is per partition and Kafka orders records only
 * within a partition, so a clock sent earlier could overtake main events of other users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamSemanticsScenario {

  private static final List<String> TYPES = List.of("click", "view", "order");
  private static final List<String> COUNTRIES = List.of("DE", "FR", "US", "BR");
  private static final int USERS = 120;
  private static final int EVENTS = 4000;
  /** Users who also send an event older than it-amend's and it-side's allowed lateness. */
  private static final int ANCIENT = 12;
  /** The aggregations that record every late event (late: record). */
  private static final List<String> RECORDING = List.of("it-tumbling", "it-hopping", "it-sessions", "it-country");

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
    List<Event> ancient = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      // An order: each aggregation's stream time moves with the events it counts, and every one counts orders.
      clocks.add(event("clock-" + u, "order", user(u), entity(u), base.plus(Duration.ofMinutes(12))));
      lates.add(event("late-" + u, "view", user(u), entity(u), base.plusSeconds(30)));
      if (u < ANCIENT) {
        // The watermark is base+8m: its window closed at base-4m, beyond 10 minutes of allowed lateness.
        ancient.add(event("ancient-" + u, "view", user(u), entity(u), base.minus(Duration.ofMinutes(5))));
      }
    }
    assertThat(client.postArray(clocks).statusCode()).isEqualTo(202);
    assertThat(client.postArray(lates).statusCode()).isEqualTo(202);
    assertThat(client.postArray(ancient).statusCode()).isEqualTo(202);

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

    sketchedMeasuresOverTheMainWindowsAreWithinTheirErrorOfTheExactAnswers(main, base);
    List<Event> onTime = new ArrayList<>(main);
    onTime.addAll(clocks);
    lastHourBoardsAreTheExactTopTenOfTheEvents(onTime);
    // late: amend, within the allowed lateness: the late events are in their closed windows' new final
    // revisions, marked amended. late: side: the values stay those of the on-time events, the late ones beside.
    List<Event> mainAndLate = new ArrayList<>(main);
    mainAndLate.addAll(lates);
    Map<String, Long> lateWindows = Expected.tumbling(lates, Duration.ofMinutes(1), Event::entityId);
    await("amended windows").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertFinal("it-amend", mainEnd, Expected.tumbling(mainAndLate, Duration.ofMinutes(1),
            Event::entityId)));
    Map<String, Long> reopened = new HashMap<>();
    lateWindows.keySet().forEach(window -> reopened.put(window, 1L));
    assertThat(column("it-amend", mainEnd, "amended")).as("amended: exactly the windows a late event reopened")
        .isEqualTo(reopened);
    await("late counts beside the values").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(column("it-side", mainEnd, "late_count")).isEqualTo(lateWindows));
    assertFinal("it-side", mainEnd, Expected.tumbling(main, Duration.ofMinutes(1), Event::entityId));

    Set<String> lateIds = new HashSet<>(lates.stream().map(Event::eventId).toList());
    Set<String> ancientIds = new HashSet<>(ancient.stream().map(Event::eventId).toList());
    Set<String> allLate = new HashSet<>(lateIds);
    allLate.addAll(ancientIds);
    await("late events on record").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          for (String aggregation : RECORDING) {
            assertThat(lateIds(aggregation)).as("late events of %s", aggregation).isEqualTo(allLate);
          }
          assertThat(lateIds("it-side")).as("late: side records what it counts beside, and the rest").isEqualTo(allLate);
          assertThat(lateIds("it-amend")).as("late: amend records only what lies beyond its allowed lateness")
              .isEqualTo(ancientIds);
        });
    assertThat(client.metric(platform.aggregator, "pulse_stream_late_total"))
        .isEqualTo(5.0 * (USERS + ANCIENT) + ANCIENT);
    // The aggregator's own oracle recounts every aggregation from the raw events (avg, min and max of
    // order value too): the amended windows include their late events, the others leave out what they
    // recorded late, sketches within their error.
    JsonNode report = new Oracle(platform, client).awaitExact(base, base.plus(Duration.ofMinutes(3)));
    assertThat(report.get("aggregations").valueStream().map(check -> check.get("aggregation").asString()))
        .containsExactlyInAnyOrder("it-tumbling", "it-hopping", "it-sessions", "it-country", "it-order-value",
            "it-order-avg", "it-order-min", "it-order-max", "it-buyers", "it-amend", "it-side");
    assertThat(report.get("pendingWindows").asLong()).as(Oracle.summary(report)).isZero();
    assertThat(client.metric(platform.aggregator, "pulse_stream_duplicates_total")).isEqualTo(500.0);
    assertThat(client.clickHouse("SELECT uniqExact(event_id) AS n FROM events WHERE event_id NOT LIKE 'probe-%'")
        .get(0).get("n").asLong()).as("one raw row per accepted eventId").isEqualTo(EVENTS + 2L * USERS + ANCIENT);
    everyDashboardMetricIsExportedByTheRunningServices();
  }

  /**
   * Percentiles of order value and distinct buyers per country, asked of the query API as a range board over
   * the three main windows: the windows' sketches, written by the aggregator and merged by the query API, answer
   * within the stated error of the exact values computed here from the events sent.
   */
  private void sketchedMeasuresOverTheMainWindowsAreWithinTheirErrorOfTheExactAnswers(List<Event> main, Instant base)
      throws Exception {
    Map<String, List<Double>> values = new HashMap<>();
    Map<String, Set<String>> buyers = new HashMap<>();
    for (Event event : main) {
      if (event.type().equals("order")) {
        values.computeIfAbsent(country(event.userId()), c -> new ArrayList<>()).add(event.value());
        buyers.computeIfAbsent(country(event.userId()), c -> new HashSet<>()).add(event.userId());
      }
    }
    String range = "?from=" + base + "&to=" + base.plus(Duration.ofMinutes(3));
    await("final sketched boards").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> client.query("/v1/leaderboards/it-order-value" + range).path("final").asBoolean()
            && client.query("/v1/leaderboards/it-buyers" + range).path("final").asBoolean());

    JsonNode percentiles = client.query("/v1/leaderboards/it-order-value" + range);
    assertThat(percentiles.path("entries")).hasSize(values.size());
    for (JsonNode entry : percentiles.path("entries")) {
      double[] sorted = values.get(entry.path("key").asString()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(entry.path("count").asLong()).isEqualTo(sorted.length);
      for (int p : List.of(50, 90, 99)) {
        double exact = sorted[(int) Math.floor(p / 100.0 * (sorted.length - 1))];
        assertThat(entry.path("percentiles").path("p" + p).asDouble()).as("%s p%d", entry.path("key").asString(), p)
            .isCloseTo(exact, within(exact * 0.01));
      }
    }
    JsonNode distinct = client.query("/v1/leaderboards/it-buyers" + range);
    assertThat(distinct.path("relativeError").asDouble()).isEqualTo(0.035);
    Map<String, Long> counted = new HashMap<>();
    distinct.path("entries").forEach(entry -> counted.put(entry.path("key").asString(), entry.path("value").asLong()));
    Map<String, Long> exact = new HashMap<>();
    buyers.forEach((country, users) -> exact.put(country, (long) users.size()));
    assertThat(counted).as("a HyperLogLog is exact while its sets are this small").isEqualTo(exact);
  }

  /**
   * {@code ?last=1h} over 1-minute windows, asked of the query API: the top 10 entities by events (ties by key)
   * and, filtered by a facet, the events per country of pro users, equal to what this test counts from the
   * events it sent that were on time (the main events and the clocks; the late ones are on record, not counted).
   */
  private void lastHourBoardsAreTheExactTopTenOfTheEvents(List<Event> onTime) throws Exception {
    Map<String, Long> perEntity = new HashMap<>();
    Map<String, Long> proPerCountry = new HashMap<>();
    for (Event event : onTime) {
      perEntity.merge(event.entityId(), 1L, Long::sum);
      if (plan(event.userId()).equals("pro")) {
        proPerCountry.merge(country(event.userId()), 1L, Long::sum);
      }
    }
    List<String> topTen = perEntity.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(10).map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    // The clocks' own window may still be on its way to ClickHouse.
    await("last-hour boards").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode board = client.query("/v1/leaderboards/it-tumbling?last=1h&limit=10");
      assertThat(board.path("window").asString()).isEqualTo("range");
      assertThat(board.path("entries").valueStream()
          .map(entry -> entry.path("key").asString() + "=" + entry.path("value").asLong()).toList())
          .as("top 10 entities of the last hour").isEqualTo(topTen);
      Map<String, Long> pro = new HashMap<>();
      client.query("/v1/leaderboards/it-country?last=1h&plan=pro").path("entries")
          .forEach(entry -> pro.put(entry.path("key").asString(), entry.path("value").asLong()));
      assertThat(pro).as("events of pro users per country in the last hour").isEqualTo(proPerCountry);
    });
  }

  /** The Grafana dashboards only chart what the services really export (after this traffic, plus one rejection). */
  private void everyDashboardMetricIsExportedByTheRunningServices() throws Exception {
    assertThat(client.postArray(List.of()).statusCode()).as("an empty batch is rejected").isEqualTo(400);
    client.query("/v1/aggregations");
    ExportedMetrics.verifyEndpoints(List.of(platform.ingest.url("").toString(), platform.aggregator.url("").toString(),
        platform.query.url("").toString())).assertDashboardsExported();
    assertThat(client.metric(platform.aggregator, "logback_events_total"))
        .as("no Logback metrics in the aggregator: their turbo filter runs on every Kafka client log check").isZero();
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

  private Set<String> lateIds(String aggregation) throws Exception {
    return ids(client.clickHouse("SELECT event_id FROM late_events FINAL WHERE aggregation = '" + aggregation + "'"));
  }

  /** A numeric column of the newest rows of an aggregation's windows starting before {@code startsBefore}, where not 0. */
  private Map<String, Long> column(String aggregation, long startsBefore, String column) throws Exception {
    Map<String, Long> values = new HashMap<>();
    for (JsonNode row : client.clickHouse("""
        SELECT window_start_ms, window_end_ms, group_key, %s AS v
        FROM window_aggregates FINAL
        WHERE aggregation = '%s' AND retracted = 0 AND window_start_ms < %d AND %s != 0""".formatted(column, aggregation,
        startsBefore, column))) {
      values.put(Expected.key(row.get("window_start_ms").asLong(), row.get("window_end_ms").asLong(),
          row.get("group_key").asString()), row.get("v").asLong());
    }
    return values;
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
      String type = TYPES.get(random.nextInt(TYPES.size()));
      // Orders carry a skewed value (log-normal): what the percentiles aggregation measures.
      Double value = type.equals("order") ? Math.round(Math.exp(random.nextGaussian() * 1.5) * 1000) / 100.0 : null;
      events.add(new Event("main-" + i, type, user(u), "product-%02d".formatted(random.nextInt(50)), value,
          base.plusMillis(random.nextInt(180_000)), Map.of()));
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

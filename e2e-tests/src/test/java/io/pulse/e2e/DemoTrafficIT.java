package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.demo.DemoOptions;
import io.pulse.demo.DemoStats;
import io.pulse.demo.DemoTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The demo a visitor starts first ({@code ./run-local.sh --demo}, compose profile {@code demo}): the platform with
 * the demo's traffic generator, with the shipped aggregations and nothing else. About two minutes in, every
 * aggregation has rows; the 1-minute tumbling and the hopping ones have final windows; sessions have closed;
 * late events, retried duplicates and malformed records each went where they belong (the late count, the
 * duplicates metric, ingest's 400s and the dead-letter topic); every accepted event is in the raw table; and the
 * oracle, recounting every window of the run's event time, finds nothing counted twice and nothing lost in any
 * aggregation (windows the watermark has not closed yet are pending, not judged). On the way it photographs
 * the page for the README ({@code -Dpulse.demo.screenshot=PATH}, see scripts/demo-screenshot.sh).
 */
@Tag("local-only")   // it photographs the page with Debian's Chromium
class DemoTrafficIT {

  /** Enough history for a 30-minute session (plus 5 minutes of grace) to close, replayed in 45 s. */
  private static final Duration HISTORY = Duration.ofMinutes(40);
  private static final Duration CATCH_UP = Duration.ofSeconds(45);
  /** Live traffic after the replay, before the checks: the page must move in real time too. */
  private static final Duration LIVE = Duration.ofSeconds(20);

  @Test
  void everyShippedAggregationComesAliveAndTheOracleFindsNothingLostOrCountedTwice() throws Exception {
    List<ShippedAggregation> shipped = ShippedAggregation.all();
    try (Platform platform = Platform.start("demo", Map.of())) {
      PlatformClient client = new PlatformClient(platform);
      DemoOptions options = DemoOptions.of(platform.ingest.url(""), Platform.API_KEY)
          .withHistory(HISTORY, CATCH_UP).withKafka(platform.kafka.bootstrapServers());
      Instant started = Instant.now();
      DemoStats.Snapshot sent;
      DemoTraffic traffic = DemoTraffic.start(options);
      try (traffic) {
        DemoProgress progress = new DemoProgress(platform, client);
        await("the demo's windows, late events, duplicates and dead letters").atMost(Duration.ofMinutes(3))
            .pollDelay(CATCH_UP.plus(LIVE)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
            .failFast("the generator stopped: " + traffic.failure(), () -> !traffic.isRunning())
            .untilAsserted(() -> progress.assertAlive(shipped, traffic.stats()));
        System.out.printf("demo: every aggregation alive %d s after the start: %s%n",
            Duration.between(started, Instant.now()).toSeconds(), progress.rowsByAggregation());
        DemoScreenshot.take(platform.query.url("/?key=" + Platform.READ_KEY + "&aggregation=clicks-per-entity-1m"));
      }
      sent = traffic.stats();
      assertThat(traffic.failure()).isEmpty();
      System.out.printf("demo: generator sent %s up to event time %s%n", sent, sent.lastEventTime());

      await("every malformed record in events-dlq").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(DeadLetters.read(platform.kafka.bootstrapServers()))
              .extracting(DeadLetters.Letter::value).hasSize((int) sent.poison())
              .allSatisfy(value -> assertThat(value).startsWith("{\"eventId\":\"" + traffic.eventIdPrefix() + "bad-")));
      assertEveryAcceptedEventIsInTheRawTable(client, traffic.eventIdPrefix(), sent.events());
      JsonNode report = new Oracle(platform, client).awaitExact(traffic.firstEventTime(), sent.lastEventTime());
      System.out.printf("demo: oracle over %s .. %s: %s%n", traffic.firstEventTime(), sent.lastEventTime(),
          Oracle.summary(report));
      assertThat(report.get("lateEvents").asLong()).as("late events left out of the recount").isPositive();
      Map<String, Long> counted = new TreeMap<>();
      report.get("aggregations").forEach(check -> counted.put(check.get("aggregation").asString(),
          check.get("countedEvents").asLong()));
      for (ShippedAggregation aggregation : shipped) {
        if (aggregation.needsFinalWindows()) {
          assertThat(counted.get(aggregation.name())).as("events the oracle judged in final windows of %s", aggregation)
              .isPositive();
        }
      }
      System.out.printf("demo: checked %d s after the start%n", Duration.between(started, Instant.now()).toSeconds());
    }
  }

  /** Distinct eventIds of the run in ClickHouse's events table = the new events ingest accepted. */
  private static void assertEveryAcceptedEventIsInTheRawTable(PlatformClient client, String prefix, long accepted) {
    await("all %d accepted events in the raw table".formatted(accepted)).atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(() -> assertThat(client.clickHouse(
            "SELECT uniqExact(event_id) AS n FROM events WHERE startsWith(event_id, '%s')".formatted(prefix))
            .get(0).get("n").asLong()).isEqualTo(accepted));
  }

  /** What the demo must show, read from ClickHouse, the services' metrics and the dead-letter topic. */
  private record DemoProgress(Platform platform, PlatformClient client) {

    Map<String, String> rowsByAggregation() throws Exception {
      Map<String, String> rows = new TreeMap<>();
      for (JsonNode row : client.clickHouse("""
          SELECT aggregation, count() AS n, sum(is_final) AS finals FROM window_aggregates GROUP BY aggregation""")) {
        rows.put(row.get("aggregation").asString(), row.get("n").asLong() + " rows, " + row.get("finals").asLong() + " final");
      }
      return rows;
    }

    void assertAlive(List<ShippedAggregation> shipped, DemoStats.Snapshot sent) throws Exception {
      Map<String, long[]> rows = new TreeMap<>();
      for (JsonNode row : client.clickHouse("""
          SELECT aggregation, count() AS n, sum(is_final) AS finals FROM window_aggregates GROUP BY aggregation""")) {
        rows.put(row.get("aggregation").asString(), new long[] {row.get("n").asLong(), row.get("finals").asLong()});
      }
      for (ShippedAggregation aggregation : shipped) {
        long[] counts = rows.getOrDefault(aggregation.name(), new long[2]);
        assertThat(counts[0]).as("rows of %s", aggregation).isPositive();
        if (aggregation.needsFinalWindows()) {
          assertThat(counts[1]).as("final windows of %s", aggregation).isPositive();
        }
      }
      assertThat(client.clickHouse("""
          SELECT uniqExact(group_key) AS n FROM window_aggregates
          WHERE aggregation = 'order-value-per-country-1h' AND group_key != 'unknown'""").get(0).get("n").asLong())
          .as("countries from the shoppers' profiles (the stream-table join)").isGreaterThanOrEqualTo(5);
      assertThat(client.metric(platform.aggregator, "pulse_stream_late_total")).as("late-event count").isPositive();
      assertThat(client.query("/v1/leaderboards/clicks-per-entity-1m").get("lateEvents").asLong())
          .as("late events on the page's board").isPositive();
      assertThat(client.metric(platform.aggregator, "pulse_stream_duplicates_total")).as("duplicates dropped").isPositive();
      assertThat(sent.refused()).as("malformed events ingest refused").isPositive();
      assertThat(client.metric(platform.ingest, "pulse_ingest_rejections_total")).isGreaterThanOrEqualTo(sent.refused());
      assertThat(sent.poison()).as("malformed records written around ingest").isPositive();
      assertThat(DeadLetters.read(platform.kafka.bootstrapServers())).as("records in events-dlq").isNotEmpty()
          .allSatisfy(letter -> assertThat(letter.error()).as("the reason, header error").isNotBlank());
    }
  }
}

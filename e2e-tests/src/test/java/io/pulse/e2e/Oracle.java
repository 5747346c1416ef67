package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The checks every fault case ends with: each 202-accepted event is in the raw table, and the
 * aggregator's correctness oracle (GET /actuator/oracle) finds the case's windows final, with
 * nothing lost and nothing counted twice.
 */
final class Oracle {

  /** The aggregation of fault-aggregations.yml that counts every event. */
  static final String ALL_EVENTS = "faults-per-entity";
  /** Its session aggregation, which this test recounts itself as well as the oracle. */
  static final String SESSIONS = "faults-sessions";
  static final Duration SESSION_GAP = Duration.ofMinutes(1);

  private final Platform platform;
  private final PlatformClient client;

  Oracle(Platform platform, PlatformClient client) {
    this.platform = platform;
    this.client = client;
  }

  /** The oracle's report for windows starting in [from, to), from the (current) aggregator. */
  JsonNode report(Instant from, Instant to) throws Exception {
    return client.getJson(platform.aggregator.url("/actuator/oracle?from=" + encode(from) + "&to=" + encode(to)));
  }

  /** Events counted so far in [from, to): newest revision of every row of the all-events aggregation, summed. */
  long counted(Instant from, Instant to) throws Exception {
    return client.clickHouse("""
        SELECT sum(n) AS total FROM (
          SELECT argMax(event_count, revision) AS n FROM window_aggregates
          WHERE aggregation = '%s' AND window_start_ms >= %d AND window_start_ms < %d
          GROUP BY window_start_ms, group_key, type, country, plan)""".formatted(ALL_EVENTS, from.toEpochMilli(),
        to.toEpochMilli())).get(0).get("total").asLong();
  }

  /** Waits until every accepted event of the case is counted (provisionally); returns how long that took. */
  Duration awaitCounted(FaultEvents events, List<Event> accepted, Instant since) {
    await("all %d accepted events counted".formatted(accepted.size())).atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> counted(events.base(), events.end()) >= accepted.size());
    return Duration.between(since, Instant.now());
  }

  /**
   * Closes the case's windows with clock events, then asserts: the raw table holds exactly the
   * accepted events, and the oracle reports every window final, 0 lost, 0 double-counted.
   */
  JsonNode assertExactlyOnce(FaultEvents events, List<Event> accepted) throws Exception {
    await("every accepted event in the raw table").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().untilAsserted(() -> assertThat(client.clickHouse(
            "SELECT uniqExact(event_id) AS n FROM events WHERE event_time_ms >= %d AND event_time_ms < %d"
                .formatted(events.base().toEpochMilli(), events.end().toEpochMilli())).get(0).get("n").asLong())
            .isEqualTo(accepted.size()));
    assertThat(client.postArray(events.clocks()).statusCode()).as("clock events").isEqualTo(202);
    JsonNode[] last = new JsonNode[1];
    await("the oracle's zero").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(() -> {
          JsonNode report = report(events.base(), events.end());
          last[0] = report;
          assertThat(report.get("pendingWindows").asLong()).as("windows not final yet: %s", summary(report)).isZero();
          assertThat(report.get("lostEvents").asLong()).as("lost: %s", summary(report)).isZero();
          assertThat(allEvents(report).get("expectedEvents").asLong()).as("recount of %s", ALL_EVENTS)
              .isEqualTo(accepted.size());
        });
    JsonNode report = last[0];
    assertThat(report.get("doubleCountedEvents").asLong()).as("double-counted: %s", summary(report)).isZero();
    assertThat(report.get("differingWindows").asLong()).as("differing windows: %s", summary(report)).isZero();
    assertThat(allEvents(report).get("countedEvents").asLong()).isEqualTo(accepted.size());
    assertThat(report.get("lateEvents").asLong()).as("late events").isZero();
    assertSessionsExact(events, accepted);
    return report;
  }

  /** Every session of the case final, each with exactly the accepted events its user had in it. */
  private void assertSessionsExact(FaultEvents events, List<Event> accepted) {
    Map<String, Long> expected = Expected.sessions(accepted, SESSION_GAP);
    await("final sessions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(() -> {
          Map<String, Long> actual = new HashMap<>();
          for (JsonNode row : client.clickHouse("""
              SELECT window_start_ms, window_end_ms, group_key, event_count, is_final FROM window_aggregates FINAL
              WHERE aggregation = '%s' AND retracted = 0 AND window_start_ms >= %d AND window_start_ms < %d"""
              .formatted(SESSIONS, events.base().toEpochMilli(), events.end().toEpochMilli()))) {
            String key = Expected.key(row.get("window_start_ms").asLong(), row.get("window_end_ms").asLong(),
                row.get("group_key").asString());
            assertThat(row.get("is_final").asInt()).as("session %s final", key).isEqualTo(1);
            actual.put(key, row.get("event_count").asLong());
          }
          assertThat(actual).as("sessions: %d accepted events", accepted.size()).containsExactlyInAnyOrderEntriesOf(expected);
        });
  }

  /**
   * Waits until the oracle judges [from, to) exact in every aggregation: no event counted twice, none lost and
   * no final row differing from the recount (windows the watermark has not closed yet are only counted as
   * pending). Returns that report.
   */
  JsonNode awaitExact(Instant from, Instant to) {
    JsonNode[] last = new JsonNode[1];
    await("the oracle's zero over %s .. %s".formatted(from, to)).atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .untilAsserted(() -> {
          JsonNode report = report(from, to);
          last[0] = report;
          for (JsonNode check : report.get("aggregations")) {
            String name = check.get("aggregation").asString();
            assertThat(check.get("doubleCountedEvents").asLong()).as("double-counted in %s: %s", name, summary(report))
                .isZero();
            assertThat(check.get("lostEvents").asLong()).as("lost in %s: %s", name, summary(report)).isZero();
            assertThat(check.get("differences")).as("differing rows of %s: %s", name, summary(report)).isEmpty();
          }
        });
    return last[0];
  }

  /** Totals per aggregation and the first differences: enough to see what went wrong, short enough to read. */
  static String summary(JsonNode report) {
    StringBuilder text = new StringBuilder("lost=%d doubleCounted=%d late=%d pending=%d differing=%d".formatted(
        report.get("lostEvents").asLong(), report.get("doubleCountedEvents").asLong(), report.get("lateEvents").asLong(),
        report.get("pendingWindows").asLong(), report.get("differingWindows").asLong()));
    for (JsonNode check : report.get("aggregations")) {
      text.append("\n  ").append(check.get("aggregation").asString()).append(": expected ")
          .append(check.get("expectedEvents").asLong()).append(", counted ").append(check.get("countedEvents").asLong())
          .append(", late ").append(check.get("lateEvents").asLong()).append(", pending ")
          .append(check.get("pendingEvents").asLong()).append(" in ").append(check.get("pendingWindows").asLong())
          .append(" windows");
      check.get("differences").forEach(d -> {
        if (text.length() < 2000) {
          text.append("\n    ").append(d);
        }
      });
    }
    return text.toString();
  }

  private static JsonNode allEvents(JsonNode report) {
    for (JsonNode check : report.get("aggregations")) {
      if (check.get("aggregation").asString().equals(ALL_EVENTS)) {
        return check;
      }
    }
    throw new AssertionError(ALL_EVENTS + " missing from the oracle's report: " + report);
  }

  private static String encode(Instant time) {
    return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
  }
}

package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsTopologyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestOutputTopic<String, WindowResult> results;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void start() {
    AggregationDefinition perEntity = new AggregationDefinition("events-per-entity-1m", Set.of(), "entityId",
        List.of("type"), Measure.COUNT, new WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(1), null, null),
        Duration.ofMinutes(5), EmitMode.UPDATES);
    StreamsBuilder builder = new StreamsBuilder();
    new AnalyticsTopology(new AggregatorProperties(List.of(perEntity), Duration.ofHours(1)), StreamMetrics.NONE)
        .buildInto(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    driver = new TopologyTestDriver(builder.build(), config);
    events = driver.createInputTopic(Topics.EVENTS.name(),
        Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
    results = driver.createOutputTopic(Topics.WINDOW_RESULTS.name(),
        Topics.WINDOW_RESULTS.keySerde().deserializer(), Topics.WINDOW_RESULTS.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.EVENTS_DLQ.name(),
        Topics.EVENTS_DLQ.keySerde().deserializer(), Topics.EVENTS_DLQ.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void countsPerEntityAndTypeInWindowsCutOnEventTimeNotArrivalTime() {
    // Arrival order is shuffled and far from the event times: only event time may decide the window.
    send("e1", "click", "p1", T0.plusSeconds(70));
    send("e2", "click", "p1", T0.plusSeconds(5));
    send("e3", "view", "p1", T0.plusSeconds(10));
    send("e4", "click", "p2", T0.plusSeconds(65));
    send("e5", "click", "p1", T0.plusSeconds(59));

    Map<String, Long> counts = latestCounts();
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
        "12:00 click p1", 2L,
        "12:00 view p1", 1L,
        "12:01 click p1", 1L,
        "12:01 click p2", 1L));
  }

  @Test
  void anEventIdSeenBeforeIsCountedOnce() {
    send("same", "click", "p1", T0.plusSeconds(1));
    send("same", "click", "p1", T0.plusSeconds(1));
    send("other", "click", "p1", T0.plusSeconds(2));

    assertThat(latestCounts()).containsExactlyEntriesOf(Map.of("12:00 click p1", 2L));
  }

  @Test
  void revisionsGrowWithEveryUpdateOfAWindow() {
    send("a", "click", "p1", T0.plusSeconds(1));
    send("b", "click", "p1", T0.plusSeconds(2));
    send("c", "click", "p1", T0.plusSeconds(3));

    assertThat(results.readValuesToList()).extracting(WindowResult::revision).containsExactly(1L, 2L, 3L);
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
    events.pipeInput("u1", "{not json".getBytes(StandardCharsets.UTF_8));
    events.pipeInput("u1", "{\"eventId\":\"x\",\"type\":\"click\",\"userId\":\"u1\"}".getBytes(StandardCharsets.UTF_8));
    send("ok", "click", "p1", T0);

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(new String(dead.get(0).headers().lastHeader("error").value(), StandardCharsets.UTF_8)).startsWith("malformed-json");
    assertThat(new String(dead.get(1).headers().lastHeader("error").value(), StandardCharsets.UTF_8))
        .contains("missing-field").contains("timestamp");
    assertThat(latestCounts()).containsExactlyEntriesOf(Map.of("12:00 click p1", 1L));
  }

  private void send(String eventId, String type, String entityId, Instant time) {
    Event event = new Event(eventId, type, "user-" + entityId, entityId, null, time, Map.of());
    // The record's own timestamp is arrival time, deliberately unrelated to the event time.
    events.pipeInput(event.userId(), EventJson.write(event), Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** "HH:mm type entity" → count of the newest revision, as a reader of ClickHouse would see it. */
  private Map<String, Long> latestCounts() {
    Map<String, WindowResult> latest = new HashMap<>();
    for (WindowResult row : results.readValuesToList()) {
      String key = row.windowStart().toString().substring(11, 16) + " " + row.type() + " " + row.groupKey();
      latest.merge(key, row, (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    Map<String, Long> counts = new HashMap<>();
    latest.forEach((key, row) -> counts.put(key, row.count()));
    return counts;
  }
}

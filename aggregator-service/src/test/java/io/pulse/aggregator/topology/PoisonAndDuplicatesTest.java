package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.events.DeadLetter;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoisonAndDuplicatesTest {

  private TopologyFixture fixture;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture(aggregation("per-entity", tumbling(Duration.ofMinutes(1)), Duration.ofMinutes(5),
        Measure.COUNT, "entityId", List.of("type"), EmitMode.UPDATES));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void anEventIdSeenBeforeIsCountedOnceAndTheDuplicateIsCounted() {
    fixture.send("same", "click", "u1", "p1", null, T0.plusSeconds(1));
    fixture.send("same", "click", "u1", "p1", null, T0.plusSeconds(1));
    fixture.send("other", "click", "u1", "p1", null, T0.plusSeconds(2));
    fixture.tick();

    assertThat(fixture.values("per-entity")).containsExactlyEntriesOf(Map.of("12:00:00-12:01:00 p1/click", 2.0));
    assertThat(fixture.metrics.duplicates).isEqualTo(1);
    assertThat(fixture.enriched.readValuesToList()).hasSize(2);
  }

  @Test
  void aCopyWithAnotherTimeWithinTheDedupHorizonIsADuplicateOnEitherSideOfAnHour() {
    fixture.send("resent", "click", "u1", "p1", null, T0.minusSeconds(1)); // the ids are stored per hour (the horizon)
    fixture.send("resent", "click", "u1", "p1", null, T0.plusSeconds(30)); // the next hour
    fixture.send("back", "click", "u1", "p1", null, T0.plusSeconds(40 * 60));
    fixture.send("back", "click", "u1", "p1", null, T0.minusSeconds(50 * 60)); // the hour before
    fixture.tick();

    assertThat(fixture.metrics.duplicates).isEqualTo(2);
    assertThat(fixture.enriched.readValuesToList()).hasSize(2);
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
    fixture.events.pipeInput("u1", "{not json".getBytes(StandardCharsets.UTF_8));
    fixture.events.pipeInput("u1", "{\"eventId\":\"x\",\"type\":\"click\",\"userId\":\"u1\"}".getBytes(StandardCharsets.UTF_8));
    fixture.send("click", "u1", "p1", T0);
    fixture.tick();

    List<TestRecord<String, byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(header(dead.get(0))).startsWith("malformed-json");
    assertThat(header(dead.get(1))).contains("missing-field").contains("timestamp");
    assertThat(fixture.metrics.poison).isEqualTo(2);
    assertThat(fixture.values("per-entity")).containsExactlyEntriesOf(Map.of("12:00:00-12:01:00 p1/click", 1.0));
  }

  @Test
  void anUnreadableProfileGoesToItsDeadLetterTopicAndEventsAreStillJoined() {
    fixture.profiles.pipeInput("u1", "{country".getBytes(StandardCharsets.UTF_8));
    fixture.send("click", "u1", "p1", T0);

    var dead = fixture.driver.createOutputTopic(Topics.USER_PROFILES_DLQ.name(),
        Topics.USER_PROFILES_DLQ.keySerde().deserializer(), Topics.USER_PROFILES_DLQ.valueSerde().deserializer());
    assertThat(dead.readRecordsToList()).singleElement()
        .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{country"));
    assertThat(fixture.enriched.readValuesToList()).singleElement()
        .satisfies(event -> assertThat(event.country()).isEqualTo("unknown"));
  }

  private static String header(TestRecord<String, byte[]> record) {
    return new String(record.headers().lastHeader(DeadLetter.ERROR_HEADER).value(), StandardCharsets.UTF_8);
  }
}

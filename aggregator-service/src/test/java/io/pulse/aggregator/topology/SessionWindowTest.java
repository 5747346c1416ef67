package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionWindowTest {

  private TopologyFixture fixture;

  @BeforeEach
  void start() {
    start(Duration.ofMinutes(5));
  }

  private void start(Duration grace) {
    if (fixture != null) {
      fixture.close();
    }
    fixture = new TopologyFixture(aggregation("sessions", session(Duration.ofMinutes(30)), grace,
        Measure.COUNT, "userId", List.of(), EmitMode.UPDATES));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void activitySeparatedByMoreThanTheGapIsTwoSessions() {
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u1", "p1", T0.plusSeconds(600));
    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(50))); // 40 min of silence before it
    fixture.tick();

    assertThat(fixture.values("sessions")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "12:00:00-12:10:00 u1", 2.0,
        "12:50:00-12:50:00 u1", 1.0));
  }

  @Test
  void aBridgingEventMergesTwoSessionsAndTheOldRowsAreRetractedNotDoubleCounted() {
    start(Duration.ofMinutes(30)); // the bridging event arrives 25 min behind stream time
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(50)));
    fixture.tick(); // both sessions left as provisional rows

    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(25))); // within 30 min of both
    fixture.tick();

    assertThat(fixture.values("sessions")).containsExactlyInAnyOrderEntriesOf(Map.of("12:00:00-12:50:00 u1", 3.0));
    List<WindowResult> retractions = fixture.rows.stream().filter(WindowResult::retracted).toList();
    assertThat(retractions).extracting(TopologyFixture::key)
        .containsExactlyInAnyOrder("12:00:00-12:00:00 u1", "12:50:00-12:50:00 u1");
    assertThat(retractions).allMatch(r -> r.revision() == WindowResult.RETRACTED_REVISION);
  }

  @Test
  void anOutOfOrderEventInsideASessionUpdatesItInsteadOfRetractingIt() {
    start(Duration.ofMinutes(30)); // the event arrives 10 min behind stream time
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(20)));
    fixture.tick();

    // Kafka Streams removes and re-adds the very same session window for this event.
    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(10)));
    fixture.tick();

    assertThat(fixture.values("sessions")).containsExactlyEntriesOf(Map.of("12:00:00-12:20:00 u1", 3.0));
    assertThat(fixture.rows).noneMatch(WindowResult::retracted);
  }

  @Test
  void aSessionIsFinalOnceTheWatermarkIsAGapPastItsEnd() {
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u2", "p1", T0.plus(Duration.ofMinutes(34))); // watermark 12:29: u1 may still grow
    fixture.tick();
    assertThat(fixture.latest("sessions").get("12:00:00-12:00:00 u1").isFinal()).isFalse();

    fixture.send("click", "u2", "p1", T0.plus(Duration.ofMinutes(36))); // watermark 12:31 > 12:00 + 30 min
    fixture.tick();
    WindowResult u1 = fixture.latest("sessions").get("12:00:00-12:00:00 u1");
    assertThat(u1.isFinal()).isTrue();
    assertThat(u1.count()).isEqualTo(1);
  }

  @Test
  void anEventBehindTheWatermarkCannotReopenASession() {
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u2", "p1", T0.plus(Duration.ofMinutes(60))); // watermark 12:55
    fixture.send("click", "u1", "p1", T0.plus(Duration.ofMinutes(20))); // behind it: late
    fixture.tick();

    assertThat(fixture.late.readValuesToList()).singleElement()
        .satisfies(late -> assertThat(late.aggregation()).isEqualTo("sessions"));
    assertThat(fixture.values("sessions")).containsEntry("12:00:00-12:00:00 u1", 1.0);
  }
}

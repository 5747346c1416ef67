package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.hopping;
import static io.pulse.aggregator.topology.TopologyFixture.sliding;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HoppingAndSlidingWindowTest {

  private TopologyFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aHoppingEventCountsInEveryWindowThatCoversIt() {
    fixture = new TopologyFixture(aggregation("views-5m-every-1m", hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view"));
    fixture.send("view", "u1", "p1", T0.plusSeconds(150)); // 12:02:30
    fixture.tick();

    assertThat(fixture.values("views-5m-every-1m")).containsOnlyKeys(
        "11:58:00-12:03:00 p1", "11:59:00-12:04:00 p1", "12:00:00-12:05:00 p1",
        "12:01:00-12:06:00 p1", "12:02:00-12:07:00 p1");
  }

  @Test
  void aHoppingEventIsLateOnlyWhenItsYoungestWindowIsClosed() {
    fixture = new TopologyFixture(aggregation("views", hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Duration.ZERO, Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view"));
    fixture.send("view", "u1", "p1", T0.plusSeconds(600)); // stream time 12:10
    fixture.send("view", "u1", "p1", T0.plusSeconds(330)); // youngest window 12:05-12:10 just closed
    fixture.send("view", "u1", "p1", T0.plusSeconds(490)); // 12:08:10: its windows ending after 12:10 are open
    fixture.tick();

    assertThat(fixture.late.readValuesToList()).hasSize(1);
    assertThat(fixture.values("views"))
        .containsEntry("12:08:00-12:13:00 p1", 2.0)
        .doesNotContainKey("12:04:00-12:09:00 p1")   // closed: the on-time event does not reopen it
        .doesNotContainKey("12:05:00-12:10:00 p1");
  }

  @Test
  void slidingWindowsCountTheEventsWithinSizeOfEachOther() {
    fixture = new TopologyFixture(aggregation("clicks-sliding-5m", sliding(Duration.ofMinutes(5)),
        Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click"));
    fixture.send("click", "u1", "p1", T0);
    fixture.send("click", "u2", "p1", T0.plusSeconds(120));
    fixture.send("click", "u3", "p1", T0.plusSeconds(420)); // 7 min after the first: not together with it
    fixture.tick();

    Map<String, Double> values = fixture.values("clicks-sliding-5m");
    assertThat(values).containsEntry("11:55:00-12:00:00 p1", 1.0)   // the first click alone
        .containsEntry("11:57:00-12:02:00 p1", 2.0)                 // the first two
        .containsEntry("12:02:00-12:07:00 p1", 2.0);                // the last two
    assertThat(values.values()).allMatch(v -> v <= 2.0);
  }

  @Test
  void slidingEventsFarBehindTheWatermarkAreLate() {
    fixture = new TopologyFixture(aggregation("clicks-sliding-5m", sliding(Duration.ofMinutes(5)),
        Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click"));
    fixture.send("click", "u1", "p1", T0.plusSeconds(1200)); // watermark 12:19
    fixture.send("click", "u1", "p1", T0.plusSeconds(800));  // 12:13:20 + 5 min < 12:19
    fixture.send("click", "u1", "p1", T0.plusSeconds(900));  // 12:15 + 5 min >= 12:19: on time
    fixture.tick();

    assertThat(fixture.late.readValuesToList()).hasSize(1);
    assertThat(fixture.values("clicks-sliding-5m")).containsEntry("12:15:00-12:20:00 p1", 2.0);
  }
  @Test
  void aSlidingWindowEndingAheadOfStreamTimeLeavesOneRowWhenStreamTimeReachesItsEnd() {
    fixture = new TopologyFixture(aggregation("clicks-sliding-5m", sliding(Duration.ofMinutes(5)),
        Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click"));
    Instant rightWindowEnd = T0.plus(Duration.ofMinutes(5)).plusMillis(1); // the window just after the first click
    fixture.send("click", "u1", "p1", T0);
    fixture.tick();
    for (int minute = 1; minute <= 3; minute++) {  // each click changes that window again
      Instant streamTime = T0.plus(Duration.ofMinutes(minute));
      fixture.send("click", "u1", "p1", streamTime);
      assertThat(fixture.tick()).as("no row for a window ending after stream time")
          .isNotEmpty().allMatch(row -> !row.windowEnd().isAfter(streamTime));
    }

    fixture.send("click", "u9", "other", rightWindowEnd); // stream time reaches the window's end
    List<WindowResult> rows = fixture.tick().stream()
        .filter(row -> row.groupKey().equals("p1") && row.windowEnd().equals(rightWindowEnd)).toList();

    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.value()).isEqualTo(3.0);  // the clicks at minutes 1, 2 and 3
      assertThat(row.isFinal()).isFalse();
    });
  }
}

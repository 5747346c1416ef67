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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
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
  void aHoppingEventIsWhollyLateOnlyWhenItsYoungestWindowIsClosed() {
    fixture = new TopologyFixture(aggregation("views", hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Duration.ZERO, Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view"));
    fixture.send("view", "u1", "p1", T0.plusSeconds(600));               // stream time 12:10
    String late = fixture.send("view", "u1", "p1", T0.plusSeconds(330)); // youngest window 12:05-12:10 just closed
    fixture.send("view", "u1", "p1", T0.plusSeconds(490));               // 12:08:10: its windows ending after 12:10 are open
    fixture.tick();

    assertThat(fixture.late.readValuesToList()).filteredOn(record -> record.eventId().equals(late)).singleElement()
        .satisfies(record -> assertThat(record.reason()).endsWith("its hopping window is closed"));
    assertThat(fixture.values("views"))
        .containsEntry("12:08:00-12:13:00 p1", 2.0)
        .doesNotContainKey("12:04:00-12:09:00 p1")   // closed: the on-time event does not reopen it
        .doesNotContainKey("12:05:00-12:10:00 p1");
  }

  @Test
  void aHoppingEventLateForItsOlderWindowsIsRecordedLateForExactlyThoseAndCountedInTheOpenOnes() {
    fixture = new TopologyFixture(aggregation("views", hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Duration.ZERO, Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view"));
    fixture.send("view", "u1", "p1", T0.plusSeconds(270));                  // 12:04:30, in the windows 12:00-12:05 .. 12:04-12:09
    fixture.send("view", "u2", "p1", T0.plusSeconds(600));                  // stream time 12:10: those five are final
    fixture.tick();
    String partly = fixture.send("view", "u3", "p1", T0.plusSeconds(490)); // 12:08:10: 12:04-12:09 and 12:05-12:10 closed
    fixture.tick();

    assertThat(fixture.late.readValuesToList()).singleElement().satisfies(record -> {
      assertThat(record.eventId()).isEqualTo(partly);
      assertThat(record.eventTime()).isEqualTo(T0.plusSeconds(490));
      assertThat(record.watermark()).as("the watermark that closed the windows it missed").isEqualTo(T0.plusSeconds(600));
      assertThat(record.reason()).contains("2 of its 5 hopping windows are closed, [2026-01-01T12:04:00Z, "
          + "2026-01-01T12:09:00Z) to [2026-01-01T12:05:00Z, 2026-01-01T12:10:00Z): late for those, counted in the others");
    });
    assertThat(fixture.metrics.late).containsEntry("views", 1);
    Map<String, WindowResult> latest = fixture.latest("views");
    assertThat(latest.get("12:04:00-12:09:00 p1")).as("closed before it came: final without it")
        .satisfies(row -> assertThat(row.isFinal()).isTrue()).satisfies(row -> assertThat(row.count()).isEqualTo(1));
    assertThat(latest).doesNotContainKey("12:05:00-12:10:00 p1");  // closed and empty: it does not open a row
    assertThat(fixture.values("views")).as("the open windows count it")
        .containsEntry("12:06:00-12:11:00 p1", 2.0)
        .containsEntry("12:07:00-12:12:00 p1", 2.0)
        .containsEntry("12:08:00-12:13:00 p1", 2.0);

    fixture.send("view", "u9", "p9", T0.plus(Duration.ofHours(1)));        // closes everything
    fixture.tick();
    assertThat(fixture.latest("views")).allSatisfy((key, row) -> assertThat(row.isFinal() || key.endsWith("p9")).as(key).isTrue());
    assertThat(fixture.values("views")).containsEntry("12:04:00-12:09:00 p1", 1.0).containsEntry("12:08:00-12:13:00 p1", 2.0);
    assertThat(fixture.late.readValuesToList()).isEmpty();
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
  void eachEventsSlidingWindowCountsTheSizeBeforeItAndNoRowEndsAfterStreamTime() {
    fixture = new TopologyFixture(aggregation("clicks-sliding-5m", sliding(Duration.ofMinutes(5)),
        Duration.ofMinutes(1), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click"));
    fixture.send("click", "u1", "p1", T0);
    fixture.tick();
    for (int minute = 1; minute <= 3; minute++) {
      Instant streamTime = T0.plus(Duration.ofMinutes(minute));
      fixture.send("click", "u1", "p1", streamTime);
      assertThat(fixture.tick()).as("one row: the new event's window, ending at it")
          .singleElement().satisfies(row -> {
            assertThat(row.windowEnd()).isEqualTo(streamTime);
            assertThat(row.windowStart()).isEqualTo(streamTime.minus(Duration.ofMinutes(5)));
          });
    }

    assertThat(fixture.values("clicks-sliding-5m")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "11:55:00-12:00:00 p1", 1.0, "11:56:00-12:01:00 p1", 2.0, "11:57:00-12:02:00 p1", 3.0, "11:58:00-12:03:00 p1", 4.0));
  }

  @Test
  void slidingWindowsReachTheLargestCountOfAnyIntervalOfTheirSizeAndEachFinalValueIsExact() {
    Duration size = Duration.ofMinutes(5);
    fixture = new TopologyFixture(aggregation("clicks-sliding-5m", sliding(size),
        Duration.ofMinutes(2), Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click"));
    Random random = new Random(42);
    List<Long> times = new ArrayList<>();
    long newest = T0.toEpochMilli();
    for (int i = 0; i < 300; i++) {
      newest += random.nextInt(20_000);
      long time = newest - random.nextInt(90_000); // out of order, within grace
      times.add(time);
      fixture.send("click", "u" + i, "p1", Instant.ofEpochMilli(time));
      if (i % 10 == 0) {
        fixture.tick();
      }
    }
    fixture.send("click", "u0", "other", Instant.ofEpochMilli(newest).plus(Duration.ofHours(1))); // closes everything
    fixture.tick();

    // final rows by window end (the fixture's keys are to the second; these ends are to the millisecond)
    Map<Long, WindowResult> finals = new HashMap<>();
    fixture.rows.stream().filter(r -> r.groupKey().equals("p1") && r.isFinal())
        .forEach(r -> assertThat(finals.put(r.windowEnd().toEpochMilli(), r)).as("one final row per window").isNull());
    long sizeMs = size.toMillis();
    long largest = 0;
    for (long end : times) {
      long inWindow = times.stream().filter(t -> t >= end - sizeMs && t <= end).count();
      largest = Math.max(largest, inWindow);
      WindowResult row = finals.get(end);
      assertThat(row).as("final row of the window ending at %s", Instant.ofEpochMilli(end)).isNotNull();
      assertThat(row.count()).as("window ending at %s", Instant.ofEpochMilli(end)).isEqualTo(inWindow);
    }
    long anyInterval = 0;
    for (long start : times) { // the largest count of any closed interval of the size starts at an event
      anyInterval = Math.max(anyInterval, times.stream().filter(t -> t >= start && t <= start + sizeMs).count());
    }
    assertThat(largest).isEqualTo(anyInterval);
  }
}

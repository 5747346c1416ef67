package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.LatePolicy;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three answers to a late event: record it (default), amend its closed windows, or count it beside them. */
class LatePolicyTest {

  private static final Duration ALLOWED = Duration.ofMinutes(10);

  private static AggregationDefinition clicks(LatePolicy late) {
    AggregationDefinition d = aggregation("clicks", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), Measure.COUNT,
        "entityId", List.of(), EmitMode.UPDATES, "click");
    return new AggregationDefinition(d.name(), d.eventTypes(), d.groupBy(), d.facets(), d.measure(), d.window(), d.grace(),
        d.emit(), late, ALLOWED);
  }

  @Test
  void amendReopensAClosedWindowAsANewFinalRevisionAndBeyondTheAllowedLatenessAnEventIsRecordedLate() {
    try (TopologyFixture fixture = new TopologyFixture(clicks(LatePolicy.AMEND))) {
      fixture.send("click", "u1", "p1", T0.plusSeconds(10));
      fixture.send("click", "u1", "p9", T0.plus(Duration.ofMinutes(5))); // watermark 12:04:30: 12:00-12:01 is final
      fixture.tick();
      WindowResult closed = fixture.latest("clicks").get("12:00:00-12:01:00 p1");
      assertThat(closed.isFinal()).isTrue();

      fixture.send("click", "u2", "p1", T0.plusSeconds(20)); // late, within ten minutes
      fixture.tick();
      WindowResult amended = fixture.latest("clicks").get("12:00:00-12:01:00 p1");
      assertThat(amended.isFinal()).isTrue();
      assertThat(amended.amended()).isTrue();
      assertThat(amended.count()).isEqualTo(2);
      assertThat(amended.revision()).isGreaterThan(closed.revision());
      assertThat(fixture.late.readValuesToList()).isEmpty();

      fixture.send("click", "u1", "p9", T0.plus(Duration.ofMinutes(30))); // watermark 12:29:30
      fixture.send("click", "u3", "p1", T0.plusSeconds(30));              // 29 minutes late
      fixture.tick();
      assertThat(fixture.late.readValuesToList()).extracting(LateEvent::aggregation).containsExactly("clicks");
      assertThat(fixture.latest("clicks").get("12:00:00-12:01:00 p1").count()).isEqualTo(2);
    }
  }

  @Test
  void sideCountsALateEventBesideTheUnchangedValueAndRecordsItWithItsReason() {
    try (TopologyFixture fixture = new TopologyFixture(clicks(LatePolicy.SIDE))) {
      fixture.send("click", "u1", "p1", T0.plusSeconds(10));
      fixture.send("click", "u1", "p9", T0.plus(Duration.ofMinutes(5)));
      fixture.tick();

      fixture.send("click", "u2", "p1", T0.plusSeconds(20));
      fixture.send("click", "u3", "p1", T0.plusSeconds(40));
      fixture.send("click", "u4", "p2", T0.plusSeconds(50)); // a window that had no on-time event
      fixture.tick();

      WindowResult p1 = fixture.latest("clicks").get("12:00:00-12:01:00 p1");
      assertThat(p1.count()).as("the on-time value").isEqualTo(1);
      assertThat(p1.lateCount()).isEqualTo(2);
      assertThat(p1.isFinal()).isTrue();
      assertThat(p1.amended()).isFalse();
      WindowResult p2 = fixture.latest("clicks").get("12:00:00-12:01:00 p2");
      assertThat(p2.count()).isZero();
      assertThat(p2.lateCount()).isEqualTo(1);
      assertThat(fixture.late.readValuesToList()).hasSize(3)
          .allSatisfy(late -> assertThat(late.reason()).contains("late count (late: side)"));
    }
  }

  /**
   * A hopping event late for its older windows only, while the youngest are open: amend reopens the
   * closed ones still within the allowed lateness (the slots of those beyond it are gone), and
   * records it late for the rest, with the watermark less the lateness as the line between them.
   */
  @Test
  void amendReopensTheClosedHoppingWindowsWithinTheLatenessOfAnEventOnTimeForItsYoungestAndRecordsTheRest() {
    try (TopologyFixture fixture = new TopologyFixture(hoppingViews(LatePolicy.AMEND, Duration.ofMinutes(1)))) {
      fixture.send("view", "u1", "p1", T0.plusSeconds(270));                  // 12:04:30: windows 12:00-12:05 .. 12:04-12:09
      fixture.send("view", "u1", "p9", T0.plusSeconds(600));                  // watermark 12:10: those are final
      fixture.tick();
      String partly = fixture.send("view", "u2", "p1", T0.plusSeconds(490)); // 12:08:10: 12:04-12:09, 12:05-12:10 closed
      fixture.tick();

      assertThat(fixture.late.readValuesToList()).singleElement().satisfies(late -> {
        assertThat(late.eventId()).isEqualTo(partly);
        assertThat(late.watermark()).as("the watermark less the allowed lateness").isEqualTo(T0.plusSeconds(540));
        assertThat(late.reason()).contains("less the allowed lateness PT1M")
            .contains("1 of its 5 hopping windows is closed, [2026-01-01T12:04:00Z, 2026-01-01T12:09:00Z): late for that one");
      });
      Map<String, WindowResult> latest = fixture.latest("views");
      assertThat(latest.get("12:04:00-12:09:00 p1")).as("beyond the lateness: final as it closed")
          .satisfies(row -> assertThat(row.count()).isEqualTo(1)).satisfies(row -> assertThat(row.amended()).isFalse());
      assertThat(latest.get("12:05:00-12:10:00 p1")).as("within the lateness: amended").satisfies(row -> {
        assertThat(row.isFinal()).isTrue();
        assertThat(row.amended()).isTrue();
        assertThat(row.count()).isEqualTo(1);
      });
      assertThat(fixture.values("views")).containsEntry("12:06:00-12:11:00 p1", 1.0).containsEntry("12:08:00-12:13:00 p1", 1.0);
    }
  }

  /** Side cannot count it beside the closed windows only (a pane's late count shows in its open windows too): recorded late. */
  @Test
  void sideRecordsAHoppingEventLateForTheClosedWindowsItMissedAndCountsItInTheOpenOnes() {
    try (TopologyFixture fixture = new TopologyFixture(hoppingViews(LatePolicy.SIDE, ALLOWED))) {
      fixture.send("view", "u1", "p1", T0.plusSeconds(270));
      fixture.send("view", "u1", "p9", T0.plusSeconds(600));
      fixture.tick();
      fixture.send("view", "u2", "p1", T0.plusSeconds(490));
      fixture.tick();

      assertThat(fixture.late.readValuesToList()).singleElement().satisfies(late -> {
        assertThat(late.watermark()).isEqualTo(T0.plusSeconds(600));
        assertThat(late.reason()).contains("2 of its 5 hopping windows");
      });
      Map<String, WindowResult> latest = fixture.latest("views");
      assertThat(latest.get("12:04:00-12:09:00 p1")).satisfies(row -> {
        assertThat(row.count()).isEqualTo(1);
        assertThat(row.lateCount()).isZero();
      });
      assertThat(latest.get("12:06:00-12:11:00 p1")).satisfies(row -> {
        assertThat(row.count()).isEqualTo(1);
        assertThat(row.lateCount()).isZero();
      });
    }
  }

  private static AggregationDefinition hoppingViews(LatePolicy late, Duration allowed) {
    AggregationDefinition d = aggregation("views", TopologyFixture.hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Duration.ZERO, Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view");
    return new AggregationDefinition(d.name(), d.eventTypes(), d.groupBy(), d.facets(), d.measure(), d.window(), d.grace(),
        d.emit(), late, allowed);
  }

  /** Amending gives every window the values of a run in which the late event had come on time. */
  @ParameterizedTest
  @EnumSource(WindowType.class)
  void anAmendedWindowEndsWithTheValuesOfTheRunWhereTheEventWasOnTime(WindowType type) {
    Map<String, Double> amended;
    try (TopologyFixture fixture = new TopologyFixture(amending(type))) {
      fixture.send("e1", "click", "u1", "p1", null, T0.plusSeconds(10));
      fixture.send("e2", "click", "u1", "p1", null, T0.plus(Duration.ofMinutes(5))); // every window of e1 final
      fixture.tick();
      assertThat(finals(fixture)).as("closed before the late event").isNotEmpty();
      fixture.send("e3", "click", "u2", "p1", null, T0.plusSeconds(20));              // late, within the lateness
      closeEverything(fixture);
      assertThat(fixture.late.readValuesToList()).isEmpty();
      assertThat(fixture.rows).filteredOn(WindowResult::amended).isNotEmpty();
      amended = finals(fixture);
    }
    Map<String, Double> onTime;
    try (TopologyFixture fixture = new TopologyFixture(amending(type))) {
      fixture.send("e1", "click", "u1", "p1", null, T0.plusSeconds(10));
      fixture.send("e3", "click", "u2", "p1", null, T0.plusSeconds(20));
      fixture.send("e2", "click", "u1", "p1", null, T0.plus(Duration.ofMinutes(5)));
      closeEverything(fixture);
      onTime = finals(fixture);
    }
    assertThat(amended).isEqualTo(onTime);
  }

  private static AggregationDefinition amending(WindowType type) {
    AggregationDefinition d = TopologyFixture.ofType(type, "entityId", EmitMode.UPDATES);
    return new AggregationDefinition(d.name(), d.eventTypes(), d.groupBy(), d.facets(), d.measure(), d.window(), d.grace(),
        d.emit(), LatePolicy.AMEND, ALLOWED);
  }

  private static void closeEverything(TopologyFixture fixture) {
    fixture.tick();
    fixture.send("end", "click", "u9", "p9", null, Instant.parse("2026-01-02T00:00:00Z"));
    fixture.tick();
  }

  private static Map<String, Double> finals(TopologyFixture fixture) {
    Map<String, Double> values = new HashMap<>();
    fixture.latest("agg").forEach((key, row) -> {
      if (row.isFinal() && row.groupKey().equals("p1")) {
        values.put(key, row.value());
      }
    });
    return values;
  }
}

package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TumblingWindowTest {

  private TopologyFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  private TopologyFixture clicksPerMinute(EmitMode emit) {
    fixture = new TopologyFixture(aggregation("clicks", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30),
        Measure.COUNT, "entityId", List.of(), emit, "click"));
    return fixture;
  }

  @Test
  void windowsAreCutOnEventTimeWhateverTheArrivalOrder() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(50));
    fixture.send("click", "u2", "p1", T0.plusSeconds(5));
    fixture.send("view", "u3", "p1", T0.plusSeconds(6));
    fixture.send("click", "u1", "p2", T0.plusSeconds(65));
    fixture.send("click", "u2", "p1", T0.plusSeconds(40));
    fixture.tick();

    assertThat(fixture.values("clicks")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "12:00:00-12:01:00 p1", 3.0,
        "12:01:00-12:02:00 p2", 1.0));
  }

  @Test
  void anOutOfOrderEventWithinGraceStillUpdatesItsWindow() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(10));
    fixture.send("click", "u1", "p1", T0.plusSeconds(80)); // stream time 12:01:20, watermark 12:00:50
    fixture.send("click", "u2", "p1", T0.plusSeconds(20)); // window 12:00-12:01 is still open
    fixture.tick();

    assertThat(fixture.values("clicks")).containsEntry("12:00:00-12:01:00 p1", 2.0);
    assertThat(fixture.late.isEmpty()).isTrue();
  }

  @Test
  void anEventBeyondGraceGoesToEventsLateWithTheReasonAndIsNotCounted() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(10));
    fixture.send("click", "u1", "p1", T0.plusSeconds(95)); // watermark 12:01:05: 12:00-12:01 closed
    String lateId = fixture.send("click", "u2", "p1", T0.plusSeconds(30));
    fixture.tick();

    List<LateEvent> late = fixture.late.readValuesToList();
    assertThat(late).singleElement().satisfies(event -> {
      assertThat(event.aggregation()).isEqualTo("clicks");
      assertThat(event.eventId()).isEqualTo(lateId);
      assertThat(event.watermark()).isEqualTo(T0.plusSeconds(65));
      assertThat(event.reason()).contains("behind the watermark");
    });
    assertThat(fixture.metrics.late).containsEntry("clicks", 1);
    assertThat(fixture.values("clicks")).containsEntry("12:00:00-12:01:00 p1", 1.0);
  }

  @Test
  void aWindowBecomesFinalOnceTheWatermarkPassesItsEndAndTheFinalRowOutranksEveryProvisionalOne() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(10));
    fixture.send("click", "u2", "p1", T0.plusSeconds(20));
    List<WindowResult> provisional = fixture.tick();
    assertThat(provisional).singleElement().satisfies(row -> {
      assertThat(row.isFinal()).isFalse();
      assertThat(row.count()).isEqualTo(2);
    });

    fixture.send("click", "u1", "p9", T0.plusSeconds(90)); // watermark 12:01:00 = end of the first window
    List<WindowResult> emitted = fixture.tick();

    WindowResult fin = emitted.stream().filter(r -> r.groupKey().equals("p1")).findFirst().orElseThrow();
    assertThat(fin.isFinal()).isTrue();
    assertThat(fin.count()).isEqualTo(2);
    assertThat(fin.revision()).isGreaterThan(provisional.get(0).revision());
    assertThat(fixture.latest("clicks").get("12:00:00-12:01:00 p1").isFinal()).isTrue();
  }

  @Test
  void aQuietStreamStillClosesItsWindowsByTheWallClock() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(10));
    fixture.tick();
    assertThat(fixture.latest("clicks").get("12:00:00-12:01:00 p1").isFinal()).isFalse();

    // No further events. After the idle timeout stream time follows the wall clock: the window
    // ends 50 s after the last event time and grace is 30 s, so ~80 s of idleness close it.
    fixture.advanceWallClock(TopologyFixture.IDLE_TIMEOUT);
    for (int i = 0; i < 4; i++) {
      fixture.advanceWallClock(Duration.ofSeconds(30));
    }

    WindowResult row = fixture.latest("clicks").get("12:00:00-12:01:00 p1");
    assertThat(row.isFinal()).isTrue();
    assertThat(row.count()).isEqualTo(1);
    // ... and an event for that window arriving now is late, not a change to a final value.
    fixture.send("click", "u2", "p1", T0.plusSeconds(15));
    fixture.tick();
    assertThat(fixture.late.readValuesToList()).hasSize(1);
    assertThat(fixture.latest("clicks").get("12:00:00-12:01:00 p1").count()).isEqualTo(1);
  }

  @Test
  void aBacklogOfOlderEventsIsNotMadeLateByTheWallClock() {
    clicksPerMinute(EmitMode.UPDATES);
    fixture.send("click", "u1", "p1", T0.plusSeconds(50));
    // Events keep coming for two minutes of wall-clock time, none newer than the first: a backlog
    // being worked off, not an idle stream. Stream time must stay with them.
    for (int second = 0; second < 120; second++) {
      fixture.send("click", "u2", "p1", T0.plusSeconds(5));
      fixture.advanceWallClock(Duration.ofSeconds(1));
    }

    assertThat(fixture.late.readValuesToList()).isEmpty();
    assertThat(fixture.values("clicks")).containsEntry("12:00:00-12:01:00 p1", 121.0);
  }

  @Test
  void emitOnCloseSendsExactlyOneFinalRowPerWindowAndNothingBefore() {
    clicksPerMinute(EmitMode.FINAL);
    fixture.send("click", "u1", "p1", T0.plusSeconds(10));
    fixture.send("click", "u2", "p1", T0.plusSeconds(20));
    fixture.send("click", "u2", "p2", T0.plusSeconds(30));
    assertThat(fixture.tick()).isEmpty();

    fixture.send("click", "u3", "p3", T0.plusSeconds(100)); // closes 12:00-12:01
    fixture.tick();
    fixture.send("click", "u3", "p3", T0.plusSeconds(110));
    fixture.tick();

    assertThat(fixture.rows).hasSize(2).allMatch(WindowResult::isFinal);
    assertThat(fixture.values("clicks")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "12:00:00-12:01:00 p1", 2.0,
        "12:00:00-12:01:00 p2", 1.0));
  }

  @Test
  void rowsLeaveAtMostOncePerEmitIntervalPerWindow() {
    clicksPerMinute(EmitMode.UPDATES);
    for (int i = 0; i < 100; i++) {
      fixture.send("click", "u" + i, "p1", T0.plusSeconds(i % 50));
    }
    List<WindowResult> emitted = fixture.tick();

    assertThat(emitted).singleElement().satisfies(row -> {
      assertThat(row.count()).isEqualTo(100);
      assertThat(row.revision()).isEqualTo(100);
    });
  }
}

package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The life of a window, for every window type: a poison record on the way, an idle stream that
 * still closes its windows by the wall clock, emit-on-close with exactly one final row per window,
 * and enrichment with the profile that is current when each event is processed.
 */
class WindowLifecycleTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  @ParameterizedTest
  @EnumSource(WindowType.class)
  void aPoisonRecordGoesToTheDeadLetterTopicAndAQuietStreamStillClosesEveryWindowByTheWallClock(WindowType type) {
    Map<String, Double> closedByALaterEvent;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.UPDATES))) {
      fixture.send("e1", "click", "u1", "p1", null, T0.plusSeconds(10));
      fixture.send("e2", "click", "u2", "p1", null, T0.plusSeconds(20));
      fixture.send("e9", "click", "u9", "p9", null, T0.plus(MINUTE.multipliedBy(10)));
      fixture.tick();
      closedByALaterEvent = finalValues(fixture);
      closedByALaterEvent.keySet().removeIf(key -> key.endsWith("p9"));
    }

    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.UPDATES))) {
      fixture.send("e1", "click", "u1", "p1", null, T0.plusSeconds(10));
      fixture.events.pipeInput("u1", "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
      fixture.send("e2", "click", "u2", "p1", null, T0.plusSeconds(20));
      fixture.tick();
      assertThat(fixture.deadLetters.readValuesToList()).as("the poison record, unchanged")
          .singleElement().satisfies(value -> assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":"));
      assertThat(fixture.values("agg")).as("both valid events counted").containsValue(2.0);
      assertThat(fixture.latest("agg").values()).noneMatch(WindowResult::isFinal);

      // No further event: after the idle timeout stream time follows the wall clock.
      fixture.advanceWallClock(TopologyFixture.IDLE_TIMEOUT);
      for (int i = 0; i < 12; i++) {
        fixture.advanceWallClock(Duration.ofSeconds(30));
      }

      assertThat(fixture.latest("agg").values()).as("every window final").allMatch(WindowResult::isFinal);
      assertThat(fixture.values("agg")).as("the values a later event would have closed")
          .isNotEmpty().isEqualTo(closedByALaterEvent);
      // A final value stays final: an event for those windows arriving now is late.
      fixture.send("e3", "click", "u3", "p1", null, T0.plusSeconds(15));
      fixture.tick();
      assertThat(fixture.late.readValuesToList()).extracting(LateEvent::eventId).containsExactly("e3");
      assertThat(fixture.values("agg")).isEqualTo(closedByALaterEvent);
    }
  }

  @ParameterizedTest
  @EnumSource(WindowType.class)
  void emitOnCloseWritesExactlyOneFinalRowPerWindowWithTheValueOfTheUpdatingMode(WindowType type) {
    Map<String, Double> updating;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.UPDATES))) {
      sendFirstEvents(fixture);
      sendLaterEvents(fixture);
      updating = finalValues(fixture);
    }
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.FINAL))) {
      assertThat(sendFirstEvents(fixture)).as("nothing before a window closes").isEmpty();
      sendLaterEvents(fixture);

      assertThat(fixture.rows).as("only final rows").allMatch(WindowResult::isFinal);
      assertThat(fixture.rows).as("one row per window")
          .extracting(TopologyFixture::key).doesNotHaveDuplicates();
      assertThat(fixture.values("agg")).as("the updating mode's final values").isNotEmpty().isEqualTo(updating);
    }
  }

  @ParameterizedTest
  @EnumSource(WindowType.class)
  void eachEventIsGroupedByTheProfileCurrentWhenItIsProcessed(WindowType type) {
    Map<String, Double> changingProfile;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "country", EmitMode.UPDATES))) {
      fixture.send("e1", "click", "anna", "p1", null, T0.plusSeconds(10)); // no profile yet
      fixture.profile("anna", "DE", "free");
      fixture.send("e2", "click", "anna", "p1", null, T0.plusSeconds(20));
      fixture.profile("anna", "FR", "pro");                                // she moved
      fixture.send("e3", "click", "anna", "p1", null, T0.plusSeconds(30));
      fixture.tick();
      changingProfile = fixture.values("agg");
    }
    Map<String, Double> threeUsers;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "country", EmitMode.UPDATES))) {
      fixture.profile("bob", "DE", "free");
      fixture.profile("carl", "FR", "pro");
      fixture.send("e1", "click", "nobody", "p1", null, T0.plusSeconds(10));
      fixture.send("e2", "click", "bob", "p1", null, T0.plusSeconds(20));
      fixture.send("e3", "click", "carl", "p1", null, T0.plusSeconds(30));
      fixture.tick();
      threeUsers = fixture.values("agg");
    }

    assertThat(changingProfile.keySet()).extracting(key -> key.substring(key.indexOf(' ') + 1))
        .containsOnly("unknown", "DE", "FR").contains("unknown", "DE", "FR");
    assertThat(changingProfile).isEqualTo(threeUsers);
  }

  private static List<WindowResult> sendFirstEvents(TopologyFixture fixture) {
    fixture.send("e1", "click", "u1", "p1", null, T0.plusSeconds(10));
    fixture.send("e2", "click", "u1", "p1", null, T0.plusSeconds(100));
    fixture.send("e3", "click", "u2", "p2", null, T0.plusSeconds(30));
    return fixture.tick();
  }

  /** An out-of-order event (it bridges p1's two sessions), then one whose time closes every earlier window. */
  private static void sendLaterEvents(TopologyFixture fixture) {
    fixture.send("e4", "click", "u1", "p1", null, T0.plusSeconds(55));
    fixture.send("e5", "click", "u3", "p9", null, T0.plus(MINUTE.multipliedBy(10)));
    fixture.tick();
  }

  private static Map<String, Double> finalValues(TopologyFixture fixture) {
    Map<String, Double> values = new HashMap<>();
    fixture.latest("agg").forEach((key, row) -> {
      if (row.isFinal()) {
        values.put(key, row.value());
      }
    });
    return values;
  }
}

package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For every window type: out-of-order events within grace, a duplicate and a late event must give
 * exactly the result of the on-time events alone, sent in event-time order.
 */
class EveryWindowTypeTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @ParameterizedTest
  @EnumSource(WindowType.class)
  void outOfOrderDuplicateAndLateEventsGiveTheResultOfTheOnTimeEventsInOrder(WindowType type) {
    Instant early = T0.plusSeconds(10);
    Instant streamTime = T0.plus(MINUTE.multipliedBy(5));
    Instant withinGrace = T0.plus(MINUTE.multipliedBy(4));  // behind stream time, ahead of the watermark (3 min)
    Instant beyondGrace = T0.plusSeconds(20);               // behind the watermark for every window type

    Map<String, Double> messy;
    List<LateEvent> late;
    int duplicates;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.UPDATES))) {
      fixture.send("e1", "click", "u1", "p1", null, early);
      fixture.send("e2", "click", "u1", "p1", null, streamTime);
      fixture.send("e3", "click", "u1", "p1", null, withinGrace);
      fixture.send("e4", "click", "u1", "p1", null, beyondGrace);
      fixture.send("e3", "click", "u1", "p1", null, withinGrace);
      fixture.tick();
      messy = fixture.values("agg");
      late = fixture.late.readValuesToList();
      duplicates = fixture.metrics.duplicates;
    }

    Map<String, Double> clean;
    try (TopologyFixture fixture = new TopologyFixture(ofType(type, "entityId", EmitMode.UPDATES))) {
      fixture.send("e1", "click", "u1", "p1", null, early);
      fixture.send("e3", "click", "u1", "p1", null, withinGrace);
      fixture.send("e2", "click", "u1", "p1", null, streamTime);
      fixture.tick();
      clean = fixture.values("agg");
    }

    assertThat(messy).isNotEmpty().isEqualTo(clean);
    assertThat(late).extracting(LateEvent::eventId).containsExactly("e4");
    assertThat(duplicates).isEqualTo(1);
  }
}

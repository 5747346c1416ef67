package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.EnrichedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichmentAndMeasuresTest {

  private TopologyFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void everyEventIsJoinedWithTheProfileCurrentWhenItIsProcessed() {
    fixture = new TopologyFixture(aggregation("orders-by-country", tumbling(Duration.ofHours(1)), Duration.ofMinutes(5),
        Measure.COUNT, "country", List.of("plan"), EmitMode.UPDATES, "order"));
    fixture.send("order", "anna", "p1", T0.plusSeconds(1));      // no profile yet
    fixture.profile("anna", "DE", "free");
    fixture.send("order", "anna", "p1", T0.plusSeconds(2));
    fixture.profile("anna", "FR", "pro");                         // she moved and upgraded
    fixture.send("order", "anna", "p1", T0.plusSeconds(3));
    fixture.tick();

    assertThat(fixture.values("orders-by-country")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "12:00:00-13:00:00 unknown/unknown", 1.0,
        "12:00:00-13:00:00 DE/free", 1.0,
        "12:00:00-13:00:00 FR/pro", 1.0));
    assertThat(fixture.enriched.readValuesToList()).extracting(EnrichedEvent::country)
        .containsExactly("unknown", "DE", "FR");
  }

  @Test
  void sumAddsTheEventValuesAndEventsWithoutValueAddNothing() {
    fixture = new TopologyFixture(aggregation("order-value", tumbling(Duration.ofHours(1)), Duration.ZERO,
        Measure.SUM, "entityId", List.of(), EmitMode.UPDATES, "order"));
    fixture.send("o1", "order", "u1", "p1", 10.5, T0);
    fixture.send("o2", "order", "u2", "p1", 4.5, T0.plusSeconds(5));
    fixture.send("o3", "order", "u2", "p1", null, T0.plusSeconds(6));
    fixture.tick();

    assertThat(fixture.values("order-value")).containsExactlyEntriesOf(Map.of("12:00:00-13:00:00 p1", 15.0));
  }

  @Test
  void distinctUsersCountsEachUserOncePerWindow() {
    fixture = new TopologyFixture(aggregation("active-users", tumbling(Duration.ofMinutes(1)), Duration.ZERO,
        Measure.DISTINCT_USERS, "entityId", List.of(), EmitMode.UPDATES));
    fixture.send("view", "u1", "p1", T0.plusSeconds(1));
    fixture.send("click", "u1", "p1", T0.plusSeconds(2));
    fixture.send("view", "u2", "p1", T0.plusSeconds(3));
    fixture.tick();

    assertThat(fixture.latest("active-users").get("12:00:00-12:01:00 p1")).satisfies(row -> {
      assertThat(row.value()).isEqualTo(2.0);
      assertThat(row.count()).isEqualTo(3);
    });
  }

  @Test
  void eventsWithoutTheGroupDimensionAreNotCounted() {
    fixture = new TopologyFixture(aggregation("per-entity", tumbling(Duration.ofMinutes(1)), Duration.ZERO,
        Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES));
    fixture.send("signup", "u1", null, T0);
    fixture.send("click", "u1", "p1", T0);
    fixture.tick();

    assertThat(fixture.values("per-entity")).containsOnlyKeys("12:00:00-12:01:00 p1");
  }
}

package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnrichmentAndMeasuresTest {

  private TopologyFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) { // tests that run several fixtures close their own
      fixture.close();
    }
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

  @ParameterizedTest
  @EnumSource(WindowType.class)
  void distinctUsersOfEveryFinalWindowEqualTheUsersOfItsEvents(WindowType type) {
    fixture = new TopologyFixture(TopologyFixture.ofType(type, "entityId", EmitMode.UPDATES, Measure.DISTINCT_USERS));
    Random random = new Random(11);
    Map<Long, String> users = new HashMap<>();
    long time = T0.toEpochMilli();
    for (int i = 0; i < 300; i++) {
      time += random.nextInt(type == WindowType.SESSION ? 100_000 : 4_000) + 1;
      String user = "u" + random.nextInt(25);
      users.put(time, user);
      fixture.send("click", user, "p1", Instant.ofEpochMilli(time));
      if (i % 20 == 0) {
        fixture.tick();
      }
    }
    fixture.send("click", "u0", "later", Instant.ofEpochMilli(time).plus(Duration.ofHours(2)));
    fixture.tick();

    List<WindowResult> finals = fixture.rows.stream().filter(row -> row.isFinal() && row.groupKey().equals("p1")).toList();
    assertThat(finals).hasSizeGreaterThan(5);
    boolean endIncluded = type == WindowType.SLIDING || type == WindowType.SESSION;
    for (WindowResult row : finals) {
      long start = row.windowStart().toEpochMilli();
      long end = row.windowEnd().toEpochMilli();
      long expected = users.entrySet().stream()
          .filter(e -> e.getKey() >= start && (endIncluded ? e.getKey() <= end : e.getKey() < end))
          .map(Map.Entry::getValue).distinct().count();
      assertThat(row.value()).as("%s %s", type, TopologyFixture.key(row)).isEqualTo((double) expected);
    }
  }

  @ParameterizedTest
  @EnumSource(WindowType.class)
  void averageMinimumAndMaximumOfEveryFinalWindowAreThoseOfItsEventsWithAValue(WindowType type) {
    Map<Long, Double> values = new HashMap<>();
    Map<Measure, List<WindowResult>> finals = new EnumMap<>(Measure.class);
    for (Measure measure : List.of(Measure.AVG, Measure.MIN, Measure.MAX)) {
      try (TopologyFixture run = new TopologyFixture(TopologyFixture.ofType(type, "entityId", EmitMode.UPDATES, measure))) {
        Random random = new Random(5);
        long time = T0.toEpochMilli();
        for (int i = 0; i < 200; i++) {
          time += random.nextInt(type == WindowType.SESSION ? 100_000 : 4_000) + 1;
          Double value = random.nextInt(10) == 0 ? null : (double) random.nextInt(1_000) - 300; // some without, some negative
          values.put(time, value);
          run.send("e" + i, "order", "u" + i, "p1", value, Instant.ofEpochMilli(time));
          if (i % 20 == 0) {
            run.tick();
          }
        }
        run.send("e-late", "order", "u0", "later", 1.0, Instant.ofEpochMilli(time).plus(Duration.ofHours(2)));
        run.tick();
        finals.put(measure, run.rows.stream().filter(row -> row.isFinal() && row.groupKey().equals("p1")).toList());
      }
    }

    boolean endIncluded = type == WindowType.SLIDING || type == WindowType.SESSION;
    assertThat(finals.get(Measure.AVG)).hasSizeGreaterThan(5);
    finals.forEach((measure, rows) -> rows.forEach(row -> {
      long start = row.windowStart().toEpochMilli();
      long end = row.windowEnd().toEpochMilli();
      DoubleSummaryStatistics valued = values.entrySet().stream()
          .filter(e -> e.getKey() >= start && (endIncluded ? e.getKey() <= end : e.getKey() < end) && e.getValue() != null)
          .mapToDouble(Map.Entry::getValue).summaryStatistics();
      double expected = valued.getCount() == 0 ? 0 : switch (measure) {
        case AVG -> valued.getAverage();
        case MIN -> valued.getMin();
        default -> valued.getMax();
      };
      assertThat(row.value()).as("%s %s %s", type, measure, TopologyFixture.key(row)).isCloseTo(expected, within(1e-9));
    }));
  }

  @ParameterizedTest
  @EnumSource(value = WindowType.class, names = {"TUMBLING", "HOPPING", "SESSION"})
  void sketchedMeasuresOfEveryFinalWindowAreWithinTheirErrorOfTheExactAnswer(WindowType type) {
    Map<Long, Double> values = new HashMap<>();
    Map<Long, String> users = new HashMap<>();
    Map<Measure, List<WindowResult>> finals = new EnumMap<>(Measure.class);
    for (Measure measure : List.of(Measure.PERCENTILES, Measure.APPROX_DISTINCT_USERS)) {
      try (TopologyFixture run = new TopologyFixture(TopologyFixture.ofType(type, "entityId", EmitMode.UPDATES, measure))) {
        Random random = new Random(7);
        long time = T0.toEpochMilli();
        for (int i = 0; i < 400; i++) {
          time += random.nextInt(type == WindowType.SESSION ? 100_000 : 2_000) + 1;
          Double value = random.nextInt(10) == 0 ? null : Math.exp(random.nextGaussian() * 2); // skewed, some without
          values.put(time, value);
          users.put(time, "u" + random.nextInt(60));
          run.send("e" + i, "order", users.get(time), "p1", value, Instant.ofEpochMilli(time));
          if (i % 20 == 0) {
            run.tick();
          }
        }
        run.send("e-late", "order", "u0", "later", 1.0, Instant.ofEpochMilli(time).plus(Duration.ofHours(2)));
        run.tick();
        finals.put(measure, run.rows.stream().filter(row -> row.isFinal() && row.groupKey().equals("p1")).toList());
      }
    }

    boolean endIncluded = type == WindowType.SESSION;
    assertThat(finals.get(Measure.PERCENTILES)).hasSizeGreaterThan(3);
    finals.forEach((measure, rows) -> rows.forEach(row -> {
      long start = row.windowStart().toEpochMilli();
      long end = row.windowEnd().toEpochMilli();
      List<Long> inWindow = values.keySet().stream()
          .filter(t -> t >= start && (endIncluded ? t <= end : t < end)).toList();
      double[] sorted = inWindow.stream().map(values::get).filter(v -> v != null).mapToDouble(Double::doubleValue).sorted()
          .toArray();
      assertThat(row.valued()).as("events with a value").isEqualTo(sorted.length);
      if (measure == Measure.APPROX_DISTINCT_USERS) {
        // A HyperLogLog is exact while its set is small.
        assertThat(row.value()).as("%s %s", type, TopologyFixture.key(row))
            .isEqualTo((double) inWindow.stream().map(users::get).distinct().count());
        assertThat(ApproxDistinct.fromBase64(row.sketch()).estimate()).isEqualTo((long) row.value());
        return;
      }
      ValueQuantiles sketch = ValueQuantiles.fromBase64(row.sketch());
      for (double p : AggregationDefinition.DEFAULT_PERCENTILES) {
        double exact = sorted.length == 0 ? 0 : sorted[(int) Math.floor(p / 100 * (sorted.length - 1))];
        assertThat(sketch.percentile(p)).as("%s p%s %s", type, p, TopologyFixture.key(row))
            .isCloseTo(exact, within(exact * ValueQuantiles.RELATIVE_ERROR));
      }
      assertThat(row.value()).as("the value is the first percentile").isEqualTo(sketch.percentile(50));
    }));
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

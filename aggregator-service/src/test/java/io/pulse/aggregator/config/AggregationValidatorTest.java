package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LatePolicy;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregationValidatorTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static AggregationDefinition definition(String name, String groupBy, List<String> facets, WindowSpec window) {
    return new AggregationDefinition(name, Set.of(), groupBy, facets, Measure.COUNT, window, MINUTE, EmitMode.UPDATES);
  }

  private static AggregatorProperties properties(AggregationDefinition... definitions) {
    return new AggregatorProperties(List.of(definitions), Duration.ofHours(1), Duration.ofMillis(250), Duration.ofSeconds(10),
        Set.of(), 0, 0);
  }

  @Test
  void aValidDeclarationOfEachWindowTypeIsAccepted() {
    assertThatCode(() -> properties(
        definition("a", "entityId", List.of("type"), new WindowSpec(WindowType.TUMBLING, MINUTE, null, null)),
        definition("b", "country", List.of(), new WindowSpec(WindowType.HOPPING, MINUTE.multipliedBy(5), MINUTE, null)),
        definition("c", "properties.color", List.of(), new WindowSpec(WindowType.SLIDING, MINUTE, null, null)),
        definition("d", "userId", List.of("plan"), new WindowSpec(WindowType.SESSION, null, null, MINUTE))))
        .doesNotThrowAnyException();
  }

  @Test
  void mistakesAreNamedWithTheAggregationAndTheFieldToFix() {
    WindowSpec tumbling = new WindowSpec(WindowType.TUMBLING, MINUTE, null, null);
    assertThatThrownBy(() -> properties(definition("Bad Name", "entityId", List.of(), tumbling)))
        .hasMessageContaining("aggregation name 'Bad Name'");
    assertThatThrownBy(() -> properties(definition("x", "colour", List.of(), tumbling)))
        .hasMessageContaining("aggregation 'x': group-by 'colour'");
    assertThatThrownBy(() -> properties(definition("x", "entityId", List.of("userId"), tumbling)))
        .hasMessageContaining("facet 'userId'");
    assertThatThrownBy(() -> properties(definition("x", "entityId", List.of(), new WindowSpec(WindowType.HOPPING, MINUTE, null, null))))
        .hasMessageContaining("window.advance must be a positive duration");
    assertThatThrownBy(() -> properties(definition("x", "entityId", List.of(), new WindowSpec(WindowType.HOPPING, MINUTE, MINUTE.multipliedBy(2), null))))
        .hasMessageContaining("window.advance must not exceed window.size");
    assertThatThrownBy(() -> properties(definition("x", "entityId", List.of(), new WindowSpec(WindowType.SESSION, MINUTE, null, null))))
        .hasMessageContaining("window.gap");
    assertThatThrownBy(() -> properties(definition("x", "entityId", List.of(), tumbling), definition("x", "userId", List.of(), tumbling)))
        .hasMessageContaining("declared twice");
  }

  @Test
  void aLatePolicyNeedsAnAllowedLatenessAndSideOnlyCountsBesideTumblingOrHoppingWindows() {
    WindowSpec tumbling = new WindowSpec(WindowType.TUMBLING, MINUTE, null, null);
    WindowSpec sliding = new WindowSpec(WindowType.SLIDING, MINUTE, null, null);
    assertThatThrownBy(() -> properties(late(definition("x", "entityId", List.of(), tumbling), LatePolicy.AMEND, Duration.ZERO)))
        .hasMessageContaining("aggregation 'x': late: amend needs a positive allowed-lateness");
    assertThatThrownBy(() -> properties(late(definition("x", "entityId", List.of(), sliding), LatePolicy.SIDE, MINUTE)))
        .hasMessageContaining("late: side counts late events beside tumbling or hopping windows");
    assertThatCode(() -> properties(late(definition("x", "entityId", List.of(), sliding), LatePolicy.AMEND, MINUTE),
        late(definition("y", "entityId", List.of(), tumbling), LatePolicy.SIDE, MINUTE))).doesNotThrowAnyException();
  }

  private static AggregationDefinition late(AggregationDefinition d, LatePolicy late, Duration allowed) {
    return new AggregationDefinition(d.name(), d.eventTypes(), d.groupBy(), d.facets(), d.measure(), d.window(), d.grace(),
        d.emit(), late, allowed);
  }

  @Test
  void anAverageOrExtremeIsDeclaredWithoutFacetsBecauseABoardAddsFacetRowsUp() {
    WindowSpec tumbling = new WindowSpec(WindowType.TUMBLING, MINUTE, null, null);
    AggregationDefinition withFacet = definition("x", "entityId", List.of("country"), tumbling);
    assertThatThrownBy(() -> properties(new AggregationDefinition("x", Set.of(), "entityId", List.of("country"), Measure.AVG,
        tumbling, MINUTE, EmitMode.UPDATES))).hasMessageContaining("measure avg cannot be split by facets");
    assertThatCode(() -> properties(withFacet)).doesNotThrowAnyException();
  }

  @Test
  void sketchedMeasuresNeedNoFacetsNoSlidingWindowAndPercentilesWithinZeroToHundred() {
    WindowSpec tumbling = new WindowSpec(WindowType.TUMBLING, MINUTE, null, null);
    WindowSpec sliding = new WindowSpec(WindowType.SLIDING, MINUTE, null, null);
    assertThatThrownBy(() -> properties(sketched("x", Measure.PERCENTILES, List.of("plan"), sliding, null)))
        .hasMessageContaining("measure percentiles cannot be split by facets");
    assertThatThrownBy(() -> properties(sketched("x", Measure.APPROX_DISTINCT_USERS, List.of(), sliding, null)))
        .hasMessageContaining("measure approx-distinct-users is kept per tumbling, hopping or session window");
    assertThatThrownBy(() -> properties(sketched("x", Measure.PERCENTILES, List.of(), tumbling, List.of(95.0, 101.0))))
        .hasMessageContaining("aggregation 'x': percentile 101.0 must lie within 0-100");
    assertThat(properties(sketched("x", Measure.PERCENTILES, List.of(), tumbling, null)).aggregations().getFirst()
        .percentiles()).as("the default").containsExactly(50.0, 95.0, 99.0);
  }

  private static AggregationDefinition sketched(String name, Measure measure, List<String> facets, WindowSpec window,
      List<Double> percentiles) {
    return new AggregationDefinition(name, Set.of(), "entityId", facets, measure, window, MINUTE, EmitMode.UPDATES,
        LatePolicy.RECORD, Duration.ZERO, percentiles);
  }
}

package io.pulse.contracts.aggregation;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A declared aggregation: "{@code measure} of events of {@code eventTypes}, per {@code groupBy}
 * (split by {@code facets}), in {@code window}, accepting events up to {@code grace} late".
 *
 * @param name       stable identifier, used in topics, tables and URLs
 * @param eventTypes event types counted; empty means all
 * @param groupBy    the ranked dimension: entityId, userId, type, country, plan or properties.KEY
 * @param facets     extra dimensions the rows are split by so queries can filter on them
 *                   (a subset of type, country, plan)
 * @param measure    what is computed
 * @param window     window shape
 * @param grace      how long after a window's end late events are still accepted
 * @param emit       provisional updates or final rows only
 * @param late       what happens to an event behind the watermark but within {@code allowedLateness}
 * @param allowedLateness how far behind the watermark an event may still be amended into or counted
 *                   beside its window (zero: every late event is recorded as late)
 * @param percentiles measure percentiles only: the percentiles kept (0-100), the first one ranks;
 *                   [50, 95, 99] unless declared
 */
public record AggregationDefinition(
    String name,
    Set<String> eventTypes,
    String groupBy,
    List<String> facets,
    Measure measure,
    WindowSpec window,
    Duration grace,
    EmitMode emit,
    LatePolicy late,
    Duration allowedLateness,
    List<Double> percentiles) {

  public static final List<Double> DEFAULT_PERCENTILES = List.of(50.0, 95.0, 99.0);

  @ConstructorBinding
  public AggregationDefinition {
    eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    facets = facets == null ? List.of() : List.copyOf(facets);
    late = late == null ? LatePolicy.RECORD : late;
    allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
    percentiles = measure != Measure.PERCENTILES ? List.of()
        : percentiles == null || percentiles.isEmpty() ? DEFAULT_PERCENTILES : List.copyOf(percentiles);
  }

  /** An aggregation of a measure other than percentiles. */
  public AggregationDefinition(String name, Set<String> eventTypes, String groupBy, List<String> facets, Measure measure,
      WindowSpec window, Duration grace, EmitMode emit, LatePolicy late, Duration allowedLateness) {
    this(name, eventTypes, groupBy, facets, measure, window, grace, emit, late, allowedLateness, null);
  }

  /** The percentile a window's value is and its groups are ranked by (percentiles only). */
  public double rankingPercentile() {
    return percentiles.getFirst();
  }

  /** An aggregation that records every late event. */
  public AggregationDefinition(String name, Set<String> eventTypes, String groupBy, List<String> facets, Measure measure,
      WindowSpec window, Duration grace, EmitMode emit) {
    this(name, eventTypes, groupBy, facets, measure, window, grace, emit, LatePolicy.RECORD, Duration.ZERO, null);
  }

  /**
   * @param type    window type
   * @param size    window length (tumbling, hopping, sliding)
   * @param advance hop (hopping only)
   * @param gap     inactivity gap (session only)
   */
  public record WindowSpec(WindowType type, Duration size, Duration advance, Duration gap) {}
}

package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.aggregator.events.SourcedEvent;
import io.pulse.contracts.event.EnrichedEvent;

/**
 * What the aggregations of one dimension read of an event, and no more: this is the record on a
 * dimension's shuffle topic (keyed by the dimension's value) and the input of its
 * {@link DimensionAggregator}. The event time is the record timestamp. {@code source} is where the
 * event was read from the events topic, which is what recognises it when a crash replays it.
 */
record DimensionEvent(SourcePosition source, long receivedAtMs, String eventId, String type, String userId,
    String country, String plan, Double value, long firstVisits) {

  /** The event for a dimension; bit i of {@code firstVisits}: a first visit for the dimension's aggregation i. */
  static DimensionEvent of(SourcedEvent sourced, Dimension dimension) {
    EnrichedEvent enriched = sourced.event();
    var event = enriched.event();
    long firstVisits = 0;
    if (!sourced.firstVisits().isEmpty()) {
      for (int i = 0; i < dimension.aggregations().size(); i++) {
        if (sourced.firstVisits().contains(dimension.aggregations().get(i).name())) {
          firstVisits |= 1L << i;
        }
      }
    }
    return new DimensionEvent(sourced.source(), enriched.receivedAt().toEpochMilli(), event.eventId(), event.type(),
        event.userId(), enriched.country(), enriched.plan(), event.value(), firstVisits);
  }

  boolean firstVisit(int aggregation) {
    return (firstVisits & (1L << aggregation)) != 0;
  }
}

package io.pulse.aggregator.events;

import io.pulse.contracts.event.EnrichedEvent;
import java.util.Set;

/**
 * An enriched event on its way to the aggregations, with the position it was read from and the
 * distinct-user aggregations for which it is its user's first visit to its window ({@link FirstVisits}).
 */
public record SourcedEvent(EnrichedEvent event, SourcePosition source, Set<String> firstVisits) {

  public SourcedEvent(EnrichedEvent event, SourcePosition source) {
    this(event, source, Set.of());
  }

  public SourcedEvent withFirstVisits(Set<String> aggregations) {
    return new SourcedEvent(event, source, aggregations);
  }
}

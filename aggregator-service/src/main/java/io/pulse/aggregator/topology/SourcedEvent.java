package io.pulse.aggregator.topology;

import io.pulse.contracts.event.EnrichedEvent;

/** An enriched event on its way to the aggregations, with the position it was read from. */
record SourcedEvent(EnrichedEvent event, SourcePosition source) {}

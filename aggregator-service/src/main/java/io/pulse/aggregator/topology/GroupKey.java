package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.event.EnrichedEvent;

/**
 * The key an aggregation groups by: the ranked dimension plus the facet columns. Encoded as one
 * string joined by the unit separator, which validated ids can never contain.
 */
record GroupKey(String value, String type, String country, String plan) {

  private static final String SEPARATOR = "\u001f";

  /** Null when the event lacks the group-by dimension (e.g. no entityId): it is not counted. */
  static GroupKey of(AggregationDefinition definition, EnrichedEvent event) {
    String value = event.dimension(definition.groupBy());
    if (value == null) {
      return null;
    }
    return new GroupKey(value,
        facet(definition, Dimensions.TYPE, event),
        facet(definition, Dimensions.COUNTRY, event),
        facet(definition, Dimensions.PLAN, event));
  }

  private static String facet(AggregationDefinition definition, String dimension, EnrichedEvent event) {
    return definition.facets().contains(dimension) ? event.dimension(dimension) : "";
  }

  String encode() {
    return String.join(SEPARATOR, value, type, country, plan);
  }

  static GroupKey decode(String encoded) {
    String[] parts = encoded.split(SEPARATOR, -1);
    return new GroupKey(parts[0], parts[1], parts[2], parts[3]);
  }
}

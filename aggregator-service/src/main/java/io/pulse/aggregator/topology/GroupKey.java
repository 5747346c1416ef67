package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.event.EnrichedEvent;
import java.util.List;

/**
 * The key an aggregation groups by: the ranked dimension plus the facet columns. Encoded as one
 * string joined by the unit separator, which validated ids can never contain.
 */
record GroupKey(String value, String type, String country, String plan) {

  private static final String SEPARATOR = "\u001f";
  private static final char STORE_KEY_SEPARATOR = '\u001e';

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

  /** The group of an event on its dimension's shuffle, whose key is the group-by value. */
  static GroupKey of(AggregationDefinition definition, String value, DimensionEvent event) {
    List<String> facets = definition.facets();
    return new GroupKey(value,
        facets.contains(Dimensions.TYPE) ? event.type() : "",
        facets.contains(Dimensions.COUNTRY) ? event.country() : "",
        facets.contains(Dimensions.PLAN) ? event.plan() : "");
  }

  private static String facet(AggregationDefinition definition, String dimension, EnrichedEvent event) {
    return definition.facets().contains(dimension) ? event.dimension(dimension) : "";
  }

  String encode() {
    return String.join(SEPARATOR, value, type, country, plan);
  }

  /**
   * The key of a group's value in its dimension's store: the aggregation's name, a record separator,
   * the encoded group, so one store holds every aggregation of the dimension.
   */
  static String storeKey(String aggregation, String encodedGroup) {
    return aggregation + STORE_KEY_SEPARATOR + encodedGroup;
  }

  static String aggregationOf(String storeKey) {
    return storeKey.substring(0, storeKey.indexOf(STORE_KEY_SEPARATOR));
  }

  static GroupKey ofStoreKey(String storeKey) {
    return decode(storeKey.substring(storeKey.indexOf(STORE_KEY_SEPARATOR) + 1));
  }

  static GroupKey decode(String encoded) {
    String[] parts = encoded.split(SEPARATOR, -1);
    return new GroupKey(parts[0], parts[1], parts[2], parts[3]);
  }
}

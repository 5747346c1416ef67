package io.pulse.query.aggregations;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the facet filters (type, country, plan) a request gives, allowed only where the aggregation is split by them. */
public final class FacetFilters {

  public static final List<String> NAMES = List.of("type", "country", "plan");

  private FacetFilters() {}

  public static Map<String, String> parse(AggregationDefinition definition, FacetValues request) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String facet : NAMES) {
      String value = RequestParams.value(facet, request.value(facet));
      if (value == null) {
        continue;
      }
      if (!definition.facets().contains(facet)) {
        throw new BadQueryException(facet, "unknown-dimension",
            "aggregation '" + definition.name() + "' is not split by " + facet + "; filterable: " + definition.facets());
      }
      filters.put(facet, value);
    }
    return filters;
  }
}

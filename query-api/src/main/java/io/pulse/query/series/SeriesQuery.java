package io.pulse.query.series;

import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.web.TimeRange;
import java.util.Map;

/**
 * A validated series request.
 *
 * @param aggregation  an allow-listed aggregation name
 * @param range        windows starting in [from, to)
 * @param key          one group, or null for all groups added up
 * @param facetFilters equality filters on facet columns the aggregation is split by
 */
record SeriesQuery(String aggregation, WindowType windowType, TimeRange range, String key, Map<String, String> facetFilters) {

  SeriesQuery {
    facetFilters = Map.copyOf(facetFilters);
  }
}

package io.pulse.query.series;

import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.web.TimeRange;
import java.util.Map;

/**
 * A validated series request.
 *
 * @param aggregation  an allow-listed aggregation name
 * @param measure      how its values combine over groups (without a key) and facet rows
 * @param range        windows starting in [from, to)
 * @param key          one group, or null for all groups combined
 * @param facetFilters equality filters on facet columns the aggregation is split by
 */
record SeriesQuery(String aggregation, WindowType windowType, Measure measure, TimeRange range, String key,
    Map<String, String> facetFilters) {

  SeriesQuery {
    facetFilters = Map.copyOf(facetFilters);
  }
}

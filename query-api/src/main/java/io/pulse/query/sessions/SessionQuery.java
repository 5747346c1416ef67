package io.pulse.query.sessions;

import io.pulse.query.web.TimeRange;
import java.util.Map;

/**
 * A validated request for session statistics.
 *
 * @param aggregation  an allow-listed session aggregation
 * @param range        sessions starting in [from, to)
 * @param key          one user, or null for all
 * @param facetFilters equality filters on facet columns the aggregation is split by
 */
record SessionQuery(String aggregation, TimeRange range, String key, Map<String, String> facetFilters) {

  SessionQuery {
    facetFilters = Map.copyOf(facetFilters);
  }
}

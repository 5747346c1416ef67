package io.pulse.query.sessions;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.aggregations.FacetFilters;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import io.pulse.query.web.TimeRange;
import io.pulse.query.window.WindowLocator;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns raw session parameters into a {@link SessionQuery}: only session aggregations have
 * sessions. Without {@code to} the range ends just after the newest session start; without
 * {@code from} it starts the configured default range earlier.
 */
@Component
class SessionRequests {

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final QueryProperties.Sessions limits;

  SessionRequests(AggregationCatalog catalog, WindowLocator locator, QueryProperties properties) {
    this.catalog = catalog;
    this.locator = locator;
    this.limits = properties.sessions();
  }

  SessionQuery parse(String aggregation, SessionParameters parameters) {
    AggregationDefinition definition = catalog.require(aggregation);
    if (definition.window().type() != WindowType.SESSION) {
      throw new BadQueryException("aggregation", "not-a-session-aggregation",
          "'" + definition.name() + "' uses " + definition.window().type() + " windows; session statistics need a SESSION aggregation");
    }
    String key = RequestParams.value("key", parameters.key());
    Map<String, String> filters = FacetFilters.parse(definition, parameters);
    TimeRange range = TimeRange.parse(parameters.from(), parameters.to(), () -> locator.latestStart(definition.name()),
        limits.defaultRange(), limits.maxRange());
    return new SessionQuery(definition.name(), range, key, filters);
  }
}

package io.pulse.query.series;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.aggregations.FacetFilters;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import io.pulse.query.web.TimeRange;
import io.pulse.query.window.MeasureCombining;
import io.pulse.query.window.WindowLocator;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns raw series parameters into a {@link SeriesQuery}. Without {@code key} the groups of each window
 * are combined, which avg and distinct-users cannot do exactly ({@link MeasureCombining}): those need a key. Without {@code to} the series ends just
 * after the newest window; without {@code from} it starts the configured number of windows
 * earlier (window starts are one hop apart for hopping windows, one size for the others).
 */
@Component
class SeriesRequests {

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final QueryProperties.Series limits;

  SeriesRequests(AggregationCatalog catalog, WindowLocator locator, QueryProperties properties) {
    this.catalog = catalog;
    this.locator = locator;
    this.limits = properties.series();
  }

  SeriesQuery parse(String aggregation, SeriesParameters parameters) {
    AggregationDefinition definition = catalog.require(aggregation);
    String key = RequestParams.value("key", parameters.key());
    if (key == null && !MeasureCombining.combinable(definition.measure())) {
      throw new BadQueryException("key", "measure-not-combinable", "'" + definition.name() + "' measures "
          + definition.measure().declaredName() + ", which cannot be combined over"
          + " groups in SQL: " + (MeasureCombining.whyNot(definition.measure()) == null
              ? "its rows merge in Java (sketches merged, means weighted), which series do not do (range boards do)"
              : MeasureCombining.whyNot(definition.measure())) + "; give a key");
    }
    Map<String, String> filters = FacetFilters.parse(definition, parameters);
    TimeRange range = TimeRange.parse(parameters.from(), parameters.to(), () -> locator.latestStart(definition.name()),
        step(definition).multipliedBy(limits.defaultWindows()), limits.maxRange());
    return new SeriesQuery(definition.name(), definition.window().type(), definition.measure(), range, key, filters);
  }

  /** The spacing of window starts: the hop for hopping windows, else the size (or session gap). */
  private static Duration step(AggregationDefinition definition) {
    AggregationDefinition.WindowSpec window = definition.window();
    for (Duration candidate : new Duration[] {window.advance(), window.size(), window.gap()}) {
      if (candidate != null && candidate.isPositive()) {
        return candidate;
      }
    }
    return Duration.ofMinutes(1);
  }
}

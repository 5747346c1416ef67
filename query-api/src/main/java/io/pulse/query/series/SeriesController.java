package io.pulse.query.series;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.aggregations.FacetFilters;
import io.pulse.query.status.AggregationStatus;
import io.pulse.query.status.AggregationStatusService;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import io.pulse.query.window.WindowLocator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
class SeriesController {

  private static final Set<String> PARAMETERS = Set.of("from", "to", "key", "type", "country", "plan");

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final SeriesRepository repository;
  private final AggregationStatusService statuses;
  private final QueryProperties.Series limits;

  SeriesController(AggregationCatalog catalog, WindowLocator locator, SeriesRepository repository,
      AggregationStatusService statuses, QueryProperties properties) {
    this.catalog = catalog;
    this.locator = locator;
    this.repository = repository;
    this.statuses = statuses;
    this.limits = properties.series();
  }

  @Operation(summary = "Per-window values for charts",
      description = "Windows starting in [from, to), oldest first. Without key: all groups added up. Defaults: to ="
          + " just after the newest window, from = the configured number of windows before it.")
  @GetMapping("/v1/aggregations/{aggregation}/series")
  Series series(
      @PathVariable String aggregation,
      @Parameter(description = "ISO-8601 with zone or epoch millis, inclusive") @RequestParam(required = false) String from,
      @Parameter(description = "ISO-8601 with zone or epoch millis, exclusive") @RequestParam(required = false) String to,
      @Parameter(description = "one group (e.g. an entityId); all groups summed when absent") @RequestParam(required = false) String key,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String country,
      @RequestParam(required = false) String plan,
      @Parameter(hidden = true) WebRequest request) {
    RequestParams.allowOnly(request, PARAMETERS);
    AggregationDefinition definition = catalog.require(aggregation);
    String groupKey = RequestParams.value("key", key);
    Map<String, String> filters = FacetFilters.parse(definition, request);
    Instant end = RequestParams.time("to", to);
    Instant start = RequestParams.time("from", from);
    if (end == null) {
      Instant latest = locator.latestStart(aggregation);
      end = latest == null ? Instant.now() : latest.plusMillis(1);
    }
    if (start == null) {
      start = end.minus(step(definition).multipliedBy(limits.defaultWindows()));
    }
    if (!start.isBefore(end)) {
      throw new BadQueryException("from", "invalid-range", "from must be before to");
    }
    if (Duration.between(start, end).compareTo(limits.maxRange()) > 0) {
      throw new BadQueryException("from", "invalid-range", "from..to may span at most " + limits.maxRange());
    }
    AggregationStatus status = statuses.status(aggregation);
    List<Series.Point> points = repository.points(aggregation, start, end, groupKey, filters, limits.maxPoints() + 1);
    boolean truncated = points.size() > limits.maxPoints();
    return new Series(aggregation, definition.window().type(), groupKey, start, end, status.watermark(),
        status.lateEvents(), truncated, truncated ? points.subList(0, limits.maxPoints()) : points);
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

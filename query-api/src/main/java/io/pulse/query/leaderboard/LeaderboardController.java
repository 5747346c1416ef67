package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.web.BadQueryException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LeaderboardController {

  private final AggregationCatalog catalog;
  private final LeaderboardRepository repository;
  private final QueryProperties properties;

  LeaderboardController(AggregationCatalog catalog, LeaderboardRepository repository, QueryProperties properties) {
    this.catalog = catalog;
    this.repository = repository;
    this.properties = properties;
  }

  /** Top-N of one window: the latest one, or the window starting at {@code windowStart}. */
  @GetMapping("/v1/leaderboards/{aggregation}")
  Leaderboard leaderboard(
      @PathVariable String aggregation,
      @RequestParam(required = false) String windowStart,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String country,
      @RequestParam(required = false) String plan) {
    AggregationDefinition definition = catalog.require(aggregation);
    int size = parseLimit(limit);
    Map<String, String> filters = new LinkedHashMap<>();
    addFilter(definition, filters, "type", type);
    addFilter(definition, filters, "country", country);
    addFilter(definition, filters, "plan", plan);
    Instant start = windowStart == null ? repository.latestWindowStart(aggregation) : parseTime("windowStart", windowStart);
    if (start == null) {
      return Leaderboard.empty(aggregation);
    }
    return repository.top(new LeaderboardQuery(aggregation, start, size, filters));
  }

  private int parseLimit(String limit) {
    if (limit == null) {
      return properties.defaultLimit();
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= properties.maxLimit()) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the one message that says what is allowed
    }
    throw new BadQueryException("limit", "invalid-limit", "limit must be an integer from 1 to " + properties.maxLimit());
  }

  private static void addFilter(AggregationDefinition definition, Map<String, String> filters, String facet, String value) {
    if (value == null) {
      return;
    }
    if (!definition.facets().contains(facet)) {
      throw new BadQueryException(facet, "unknown-dimension",
          "aggregation '" + definition.name() + "' is not split by " + facet + "; filterable: " + definition.facets());
    }
    filters.put(facet, value);
  }

  static Instant parseTime(String parameter, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadQueryException(parameter, "invalid-time", parameter + " must be ISO-8601 with a zone, e.g. 2026-01-31T12:00:00Z");
    }
  }
}

package io.pulse.query.aggregations;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.window.WindowLocator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The values each facet of an aggregation takes, so a page can offer them as choices instead of asking
 * for them to be typed. Read over the day of windows up to the newest one (not over the whole table, which
 * grows with retention), the most rows first, at most {@link #MAX_VALUES} per facet.
 */
@RestController
class FacetsController {

  static final int MAX_VALUES = 100;
  private static final Duration LOOK_BACK = Duration.ofDays(1);

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final ClickHouse clickHouse;

  FacetsController(AggregationCatalog catalog, WindowLocator locator, ClickHouse clickHouse) {
    this.catalog = catalog;
    this.locator = locator;
    this.clickHouse = clickHouse;
  }

  /**
   * @param facets each declared facet (type, country, plan) with its values, the most rows first
   */
  record FacetChoices(String aggregation, Map<String, List<String>> facets) {}

  @Operation(summary = "The values of an aggregation's facets",
      description = "For each facet the aggregation is split by (type, country, plan): the values its window rows hold"
          + " over the day up to its newest window, the most rows first, at most 100; empty values are left out.")
  @GetMapping("/v1/aggregations/{aggregation}/facets")
  FacetChoices facets(
      @Parameter(description = "a declared aggregation (GET /v1/aggregations)") @PathVariable String aggregation) {
    AggregationDefinition definition = catalog.require(aggregation);
    Map<String, List<String>> values = new LinkedHashMap<>();
    Instant newest = definition.facets().isEmpty() ? null : locator.latestStart(definition.name());
    for (String facet : FacetFilters.NAMES) {
      if (definition.facets().contains(facet)) {
        values.put(facet, newest == null ? List.of() : values(definition.name(), facet, newest.minus(LOOK_BACK)));
      }
    }
    return new FacetChoices(definition.name(), values);
  }

  /** {@code facet} is one of {@link FacetFilters#NAMES}, each a column of window_aggregates. */
  private List<String> values(String aggregation, String facet, Instant since) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT %1$s AS v, count() AS n FROM window_aggregates
        WHERE aggregation = :aggregation AND window_start_ms >= :since AND %1$s != ''
        GROUP BY v ORDER BY n DESC, v ASC LIMIT %2$d""".formatted(facet, MAX_VALUES),
        Map.of("aggregation", aggregation, "since", since.toEpochMilli()));
    return rows.stream().map(row -> row.get("v").asString()).toList();
  }
}

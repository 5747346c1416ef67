package io.pulse.query.aggregations;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AggregationsController {

  private final AggregationCatalog catalog;
  private final AggregationReach reach;

  AggregationsController(AggregationCatalog catalog, AggregationReach reach) {
    this.catalog = catalog;
    this.reach = reach;
  }

  /** What is declared: window type, size, grace, group-by dimension, measure, late policy; and how far back it reaches. */
  @Operation(summary = "The declared aggregations",
      description = "Each with its window (type, size, advance, gap), grace, groupBy, facets, measure, emit mode, late"
          + " policy (late: RECORD, AMEND or SIDE) and allowedLateness (ISO-8601 duration; PT0S: every late event is"
          + " recorded as late); then how far back its windows reach: retention (ISO-8601, e.g. P90D) and"
          + " oldestWindowStart.")
  @GetMapping("/v1/aggregations")
  List<AggregationListing> aggregations() {
    return catalog.all().stream()
        .map(definition -> new AggregationListing(definition, reach.retention(), reach.oldestWindowStart(definition.name())))
        .toList();
  }
}

package io.pulse.query.aggregations;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Collection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AggregationsController {

  private final AggregationCatalog catalog;

  AggregationsController(AggregationCatalog catalog) {
    this.catalog = catalog;
  }

  /** What is declared: window type, size, grace, group-by dimension, measure, late policy. */
  @Operation(summary = "The declared aggregations",
      description = "Each with its window (type, size, advance, gap), grace, groupBy, facets, measure, emit mode, late"
          + " policy (late: RECORD, AMEND or SIDE) and allowedLateness (ISO-8601 duration; PT0S: every late event is"
          + " recorded as late).")
  @GetMapping("/v1/aggregations")
  Collection<AggregationDefinition> aggregations() {
    return catalog.all();
  }
}

package io.pulse.query.aggregations;

import io.pulse.contracts.aggregation.AggregationDefinition;
import java.util.Collection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AggregationsController {

  private final AggregationCatalog catalog;

  AggregationsController(AggregationCatalog catalog) {
    this.catalog = catalog;
  }

  /** What is declared: window type, size, grace, group-by dimension, measure. */
  @GetMapping("/v1/aggregations")
  Collection<AggregationDefinition> aggregations() {
    return catalog.all();
  }
}

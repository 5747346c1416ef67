package io.pulse.query.aggregations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One declared aggregation as {@code GET /v1/aggregations} lists it: every field of its definition,
 * as before, and how far back its windows reach.
 *
 * @param retention         how long window rows are kept ({@code pulse.retention.window-aggregates}),
 *                          ISO-8601; null when retention is off
 * @param oldestWindowStart the start of the oldest window still stored; null before the first row
 * @param relativeError     the stated error of a sketched measure's values; null for exact measures
 */
record AggregationListing(
    @JsonUnwrapped AggregationDefinition definition,
    @Schema(description = "How long window rows are kept, ISO-8601 (P90D); whole months are dropped, so windows up to a"
        + " month older may still be there. Null: retention is off.", example = "P90D", nullable = true)
    String retention,
    @Schema(description = "Start of the oldest window still stored; null before the first row.", nullable = true)
    Instant oldestWindowStart,
    @Schema(description = "Sketched measures only (percentiles: 0.01, approx-distinct-users: 0.035): how far a value"
        + " may lie from the exact answer, relative to it. Absent for exact measures.", nullable = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Double relativeError) {

  AggregationListing(AggregationDefinition definition, String retention, Instant oldestWindowStart) {
    this(definition, retention, oldestWindowStart,
        definition.measure().sketched() ? definition.measure().relativeError() : null);
  }
}

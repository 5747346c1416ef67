package io.pulse.query.series;

import io.pulse.query.aggregations.FacetValues;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of a series, as sent: declared once here for the OpenAPI document and for
 * reading (any other parameter is a 400); {@link SeriesRequests} validates them.
 */
@ParameterObject
public record SeriesParameters(
    @Parameter(description = "ISO-8601 with zone or epoch millis, inclusive") String from,
    @Parameter(description = "ISO-8601 with zone or epoch millis, exclusive") String to,
    @Parameter(description = "one group (e.g. an entityId); all groups combined when absent (count, sum, min, max only)") String key,
    @Parameter(description = FacetValues.TYPE) String type,
    @Parameter(description = FacetValues.COUNTRY) String country,
    @Parameter(description = FacetValues.PLAN) String plan) implements FacetValues {}

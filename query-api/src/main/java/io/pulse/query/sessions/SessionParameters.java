package io.pulse.query.sessions;

import io.pulse.query.aggregations.FacetValues;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of session statistics, as sent: declared once here for the OpenAPI
 * document and for reading (any other parameter is a 400); {@link SessionRequests} validates them.
 */
@ParameterObject
public record SessionParameters(
    @Parameter(description = "ISO-8601 with zone or epoch millis, inclusive") String from,
    @Parameter(description = "ISO-8601 with zone or epoch millis, exclusive") String to,
    @Parameter(description = "one user's sessions only") String key,
    @Parameter(description = FacetValues.TYPE) String type,
    @Parameter(description = FacetValues.COUNTRY) String country,
    @Parameter(description = FacetValues.PLAN) String plan) implements FacetValues {}

package io.pulse.query.leaderboard;

import io.pulse.query.aggregations.FacetValues;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of a leaderboard, REST and SSE alike, as sent: declared once here for the
 * OpenAPI document and for reading (any other parameter is a 400); {@link LeaderboardRequests}
 * validates them.
 */
@ParameterObject
public record LeaderboardParameters(
    @Parameter(description = "current (default) or closed") String window,
    @Parameter(description = "ISO-8601 with zone or epoch millis") String windowStart,
    @Parameter(description = "1..max-limit, default 10") String limit,
    @Parameter(description = FacetValues.TYPE) String type,
    @Parameter(description = FacetValues.COUNTRY) String country,
    @Parameter(description = FacetValues.PLAN) String plan) implements FacetValues {}

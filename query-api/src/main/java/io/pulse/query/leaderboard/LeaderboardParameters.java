package io.pulse.query.leaderboard;

import io.pulse.query.aggregations.FacetValues;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of a leaderboard, REST and SSE alike, as sent: declared once here for the
 * OpenAPI document and for reading (any other parameter is a 400); {@link LeaderboardRequests}
 * validates them. One window (window, windowStart) or a range (from and to, or last), not both.
 */
@ParameterObject
public record LeaderboardParameters(
    @Parameter(description = "current (default) or closed") String window,
    @Parameter(description = "ISO-8601 with zone or epoch millis") String windowStart,
    @Parameter(description = "range board, tumbling aggregations only: with to, combines every window lying wholly"
        + " inside [from, to); ISO-8601 with zone or epoch millis") String from,
    @Parameter(description = "range board: the exclusive end of [from, to); ISO-8601 with zone or epoch millis")
    String to,
    @Parameter(description = "range board, instead of from and to: the windows of the last duration up to and including"
        + " the current one (now's window), whole windows only, e.g. 1h over 1-minute windows = the current window and"
        + " the 59 before it; 90s, 15m, 1h, 2d or ISO-8601 (PT1H30M)") String last,
    @Parameter(description = "1..max-limit, default 10") String limit,
    @Parameter(description = FacetValues.TYPE) String type,
    @Parameter(description = FacetValues.COUNTRY) String country,
    @Parameter(description = FacetValues.PLAN) String plan) implements FacetValues {}

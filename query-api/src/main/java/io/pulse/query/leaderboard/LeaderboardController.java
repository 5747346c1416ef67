package io.pulse.query.leaderboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
class LeaderboardController {

  private final LeaderboardRequests requests;
  private final LeaderboardService service;

  LeaderboardController(LeaderboardRequests requests, LeaderboardService service) {
    this.requests = requests;
    this.service = service;
  }

  /**
   * The parameters are declared for the OpenAPI document; they are read from the request by
   * {@link LeaderboardRequests}, which also rejects any parameter not listed here.
   */
  @Operation(summary = "Top-N of one window",
      description = "The newest (provisional) window by default, the newest closed one with window=closed, or the"
          + " window starting at windowStart. Values come from the newest revision of each window row.")
  @GetMapping("/v1/leaderboards/{aggregation}")
  Leaderboard leaderboard(
      @Parameter(description = "a declared aggregation (GET /v1/aggregations)") @PathVariable String aggregation,
      @Parameter(description = "current (default) or closed") @RequestParam(required = false) String window,
      @Parameter(description = "ISO-8601 with zone or epoch millis") @RequestParam(required = false) String windowStart,
      @Parameter(description = "1..max-limit, default 10") @RequestParam(required = false) String limit,
      @Parameter(description = "event type, when the aggregation is split by type") @RequestParam(required = false) String type,
      @Parameter(description = "country, when split by country") @RequestParam(required = false) String country,
      @Parameter(description = "plan, when split by plan") @RequestParam(required = false) String plan,
      @Parameter(hidden = true) WebRequest request) {
    return service.board(requests.parse(aggregation, request));
  }
}

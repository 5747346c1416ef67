package io.pulse.query.leaderboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LeaderboardController {

  private final LeaderboardRequests requests;
  private final LeaderboardService service;

  LeaderboardController(LeaderboardRequests requests, LeaderboardService service) {
    this.requests = requests;
    this.service = service;
  }

  @Operation(summary = "Top-N of one window, or of a range of windows combined",
      description = "The newest (provisional) window by default, the newest closed one with window=closed, or the"
          + " window starting at windowStart. Values come from the newest revision of each window row; each entry says"
          + " whether a late event amended its final window (late: amend) and how many late events were counted"
          + " beside its value (lateCount, late: side)."
          + " Range boards (tumbling aggregations): from and to, or last, rank groups by the measure combined over every"
          + " window lying wholly inside the range (window=range): counts and sums add, min and max take the extreme,"
          + " averages weight each window by its events with a value, percentiles and approx-distinct-users merge their"
          + " sketches (relativeError says within what); exact distinct-users cannot be combined (400"
          + " measure-not-combinable). Percentiles boards give each entry its declared percentiles. windowStart and windowEnd"
          + " are the range's first window start and last window end; final only once every window in it is final.")
  @GetMapping("/v1/leaderboards/{aggregation}")
  Leaderboard leaderboard(
      @Parameter(description = "a declared aggregation (GET /v1/aggregations)") @PathVariable String aggregation,
      LeaderboardParameters parameters) {
    return service.board(requests.parse(aggregation, parameters));
  }
}

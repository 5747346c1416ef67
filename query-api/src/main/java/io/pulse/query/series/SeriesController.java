package io.pulse.query.series;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SeriesController {

  private final SeriesRequests requests;
  private final SeriesService service;

  SeriesController(SeriesRequests requests, SeriesService service) {
    this.requests = requests;
    this.service = service;
  }

  @Operation(summary = "Per-window values for charts",
      description = "Windows starting in [from, to), oldest first. Without key: all groups combined (count and sum add"
          + " up, min and max take the extreme; avg, distinct-users and the sketched measures need a key: 400 measure-not-combinable). Defaults: to ="
          + " just after the newest window, from = the configured number of windows before it. Each point says whether a"
          + " late event amended its final window (late: amend) and how many were counted beside it (lateCount).")
  @GetMapping("/v1/aggregations/{aggregation}/series")
  Series series(
      @Parameter(description = "a declared aggregation (GET /v1/aggregations)") @PathVariable String aggregation,
      SeriesParameters parameters) {
    return service.series(requests.parse(aggregation, parameters));
  }
}

package io.pulse.query.sessions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionsController {

  private final SessionRequests requests;
  private final SessionService service;

  SessionsController(SessionRequests requests, SessionService service) {
    this.requests = requests;
    this.service = service;
  }

  @Operation(summary = "Session statistics of a session aggregation",
      description = "Sessions starting in [from, to): count, users, open sessions, events per session, length, and"
          + " the sessions with most events. Defaults: to = just after the newest session start, from = one hour before.")
  @GetMapping("/v1/aggregations/{aggregation}/sessions")
  SessionStats sessions(
      @Parameter(description = "a declared session aggregation (GET /v1/aggregations)") @PathVariable String aggregation,
      SessionParameters parameters) {
    return service.stats(requests.parse(aggregation, parameters));
  }
}

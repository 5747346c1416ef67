package io.pulse.query.stream;

import io.pulse.query.leaderboard.LeaderboardParameters;
import io.pulse.query.leaderboard.LeaderboardRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class LeaderboardStreamController {

  private final LeaderboardRequests requests;
  private final BoardStreams streams;

  LeaderboardStreamController(LeaderboardRequests requests, BoardStreams streams) {
    this.requests = requests;
    this.streams = streams;
  }

  @Operation(summary = "Live leaderboard (Server-Sent Events)",
      description = "Same parameters as GET /v1/leaderboards/{aggregation}. Sends a `leaderboard` event with the whole"
          + " board whenever it changes (never on a timer), `id:` = a hash of its content; reconnecting with"
          + " Last-Event-ID gets the current board at once unless that id is what the client already shows."
          + " A comment line every 15 s keeps idle connections open.")
  @GetMapping(path = "/v1/stream/leaderboards/{aggregation}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  ResponseEntity<SseEmitter> stream(
      @Parameter(description = "a declared aggregation (GET /v1/aggregations)") @PathVariable String aggregation,
      LeaderboardParameters parameters,
      @Parameter(description = "the id of the last event the client received")
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    SseEmitter emitter = streams.subscribe(requests.parse(aggregation, parameters), lastEventId);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("X-Accel-Buffering", "no") // nginx and friends: do not buffer the stream
        .body(emitter);
  }
}

package io.pulse.query.sessions;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.aggregations.FacetFilters;
import io.pulse.query.status.AggregationStatus;
import io.pulse.query.status.AggregationStatusService;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import io.pulse.query.window.WindowLocator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
class SessionsController {

  private static final Set<String> PARAMETERS = Set.of("from", "to", "key", "type", "country", "plan");

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final SessionRepository repository;
  private final AggregationStatusService statuses;
  private final QueryProperties.Sessions limits;

  SessionsController(AggregationCatalog catalog, WindowLocator locator, SessionRepository repository,
      AggregationStatusService statuses, QueryProperties properties) {
    this.catalog = catalog;
    this.locator = locator;
    this.repository = repository;
    this.statuses = statuses;
    this.limits = properties.sessions();
  }

  @Operation(summary = "Session statistics of a session aggregation",
      description = "Sessions starting in [from, to): count, users, open sessions, events per session, length, and"
          + " the sessions with most events. Defaults: to = just after the newest session start, from = one hour before.")
  @GetMapping("/v1/aggregations/{aggregation}/sessions")
  SessionStats sessions(
      @PathVariable String aggregation,
      @Parameter(description = "ISO-8601 with zone or epoch millis, inclusive") @RequestParam(required = false) String from,
      @Parameter(description = "ISO-8601 with zone or epoch millis, exclusive") @RequestParam(required = false) String to,
      @Parameter(description = "one user's sessions only") @RequestParam(required = false) String key,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String country,
      @RequestParam(required = false) String plan,
      @Parameter(hidden = true) WebRequest request) {
    RequestParams.allowOnly(request, PARAMETERS);
    AggregationDefinition definition = catalog.require(aggregation);
    if (definition.window().type() != WindowType.SESSION) {
      throw new BadQueryException("aggregation", "not-a-session-aggregation",
          "'" + aggregation + "' uses " + definition.window().type() + " windows; session statistics need a SESSION aggregation");
    }
    String groupKey = RequestParams.value("key", key);
    Map<String, String> filters = FacetFilters.parse(definition, request);
    Instant end = RequestParams.time("to", to);
    Instant start = RequestParams.time("from", from);
    if (end == null) {
      Instant latest = locator.latestStart(aggregation);
      end = latest == null ? Instant.now() : latest.plusMillis(1);
    }
    if (start == null) {
      start = end.minus(limits.defaultRange());
    }
    if (!start.isBefore(end)) {
      throw new BadQueryException("from", "invalid-range", "from must be before to");
    }
    if (Duration.between(start, end).compareTo(limits.maxRange()) > 0) {
      throw new BadQueryException("from", "invalid-range", "from..to may span at most " + limits.maxRange());
    }
    AggregationStatus status = statuses.status(aggregation);
    JsonNode totals = repository.totals(aggregation, start, end, groupKey, filters);
    return new SessionStats(aggregation, start, end, status.watermark(), status.lateEvents(),
        totals.get("sessions").asLong(), totals.get("users").asLong(), totals.get("open").asLong(),
        totals.get("events").asLong(), totals.get("avg_events").asDouble(), totals.get("avg_len").asDouble(),
        totals.get("max_len").asLong(), repository.top(aggregation, start, end, groupKey, filters, limits.topSessions()));
  }
}

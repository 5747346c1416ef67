package io.pulse.query.sessions;

import io.pulse.query.QueryProperties;
import io.pulse.query.status.AggregationStatus;
import io.pulse.query.status.AggregationStatusService;
import java.time.Instant;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Statistics of the sessions a query selects, with the configured number of those with most events. */
@Service
class SessionService {

  private final SessionRepository repository;
  private final AggregationStatusService statuses;
  private final int topSessions;

  SessionService(SessionRepository repository, AggregationStatusService statuses, QueryProperties properties) {
    this.repository = repository;
    this.statuses = statuses;
    this.topSessions = properties.sessions().topSessions();
  }

  SessionStats stats(SessionQuery query) {
    AggregationStatus status = statuses.status(query.aggregation());
    Instant from = query.range().from();
    Instant to = query.range().to();
    JsonNode totals = repository.totals(query.aggregation(), from, to, query.key(), query.facetFilters());
    return new SessionStats(query.aggregation(), from, to, status.watermark(), status.lateEvents(),
        totals.get("sessions").asLong(), totals.get("users").asLong(), totals.get("open").asLong(),
        totals.get("events").asLong(), totals.get("avg_events").asDouble(), totals.get("avg_len").asDouble(),
        totals.get("max_len").asLong(),
        repository.top(query.aggregation(), from, to, query.key(), query.facetFilters(), topSessions));
  }
}

package io.pulse.query.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Statistics over the sessions of a session aggregation that start in [from, to); each session
 * counted once, from the newest revision of its rows, merged-away (retracted) sessions left out.
 *
 * @param sessions             sessions started in the range
 * @param users                distinct group keys (users) with a session
 * @param openSessions         sessions that may still grow (not final)
 * @param events               events in those sessions
 * @param avgEventsPerSession  events / sessions
 * @param avgLengthMs          mean of windowEnd - windowStart (first to last event), milliseconds
 * @param maxLengthMs          the longest session, milliseconds
 * @param top                  the sessions with most events
 */
public record SessionStats(
    String aggregation,
    Instant from,
    Instant to,
    Instant watermark,
    long lateEvents,
    long sessions,
    long users,
    long openSessions,
    long events,
    double avgEventsPerSession,
    double avgLengthMs,
    long maxLengthMs,
    List<Session> top) {

  /** One session: a user's activity without a gap longer than the aggregation's. */
  public record Session(
      String key,
      Instant windowStart,
      Instant windowEnd,
      long lengthMs,
      long count,
      double value,
      long revision,
      @JsonProperty("final") boolean isFinal) {}
}

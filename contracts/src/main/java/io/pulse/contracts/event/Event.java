package io.pulse.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One analytics event as it travels through the platform. {@code timestamp} is the event time: when
 * the event happened at the source, not when it reached us. Every window is computed on it.
 *
 * @param eventId    idempotency key: an event posted twice is counted once
 * @param type       what happened, e.g. {@code click}, {@code view}, {@code order}
 * @param userId     who did it; the Kafka key, so one user's events stay in order on one partition
 * @param entityId   what it happened to (product, page, item); may be null
 * @param value      a numeric measure such as an order amount; may be null
 * @param timestamp  event time
 * @param properties flat string attributes, never null
 */
public record Event(
    String eventId,
    String type,
    String userId,
    String entityId,
    Double value,
    Instant timestamp,
    Map<String, String> properties) {

  public Event {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(timestamp, "timestamp");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}

package io.pulse.contracts.event;

import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.profile.UserProfile;
import java.time.Instant;

/**
 * An event joined with its user's profile at processing time (stream-table join).
 *
 * @param receivedAt when ingest accepted it (the Kafka record time): the start of freshness
 */
public record EnrichedEvent(Event event, String country, String plan, Instant receivedAt) {

  public static EnrichedEvent of(Event event, Instant receivedAt, UserProfile profile) {
    UserProfile known = profile == null ? UserProfile.UNKNOWN_PROFILE : profile;
    return new EnrichedEvent(event, known.country(), known.plan(), receivedAt);
  }

  /** The value of a dimension for this event, or null when the event has none. */
  public String dimension(String name) {
    return switch (name) {
      case Dimensions.ENTITY_ID -> event.entityId();
      case Dimensions.USER_ID -> event.userId();
      case Dimensions.TYPE -> event.type();
      case Dimensions.COUNTRY -> country;
      case Dimensions.PLAN -> plan;
      default -> name.startsWith(Dimensions.PROPERTY_PREFIX)
          ? event.properties().get(name.substring(Dimensions.PROPERTY_PREFIX.length()))
          : null;
    };
  }
}

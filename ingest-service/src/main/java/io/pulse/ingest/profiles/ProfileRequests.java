package io.pulse.ingest.profiles;

import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.event.EventLimits;
import io.pulse.contracts.event.EventValidationException;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.ingest.web.Problems;
import io.pulse.ingest.web.StrictJson;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Strict reading of a profile request: the path's userId and the {@code {country, plan}} body. */
final class ProfileRequests {

  private static final Set<String> FIELDS = Set.of("country", "plan");

  private ProfileRequests() {}

  /**
   * Same rules as an event's userId (non-blank, at most {@link EventLimits#MAX_ID_LENGTH}, no control
   * characters), so every userId that keys an event can key a profile.
   */
  /** The path's userId obeys the same rules as an event's ids (it becomes the Kafka key). */
  static String validUserId(String userId) {
    if (userId == null) {
      throw Problems.invalid("blank-string", "userId", null, "userId must not be blank");
    }
    try {
      return EventJson.checkedText("userId", userId, EventLimits.MAX_ID_LENGTH);
    } catch (EventValidationException e) {
      throw Problems.invalid(e, null);
    }
  }

  static UserProfile profileOf(byte[] body) {
    JsonNode node = StrictJson.readSingleValue(body, 0, body.length, null);
    if (!node.isObject()) {
      throw Problems.invalid("not-an-object", null, null, "a profile must be a JSON object");
    }
    for (String name : node.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw Problems.invalid("unknown-field", name, null, "unknown field '" + name + "'; allowed: " + FIELDS);
      }
    }
    try {
      return new UserProfile(text(node, "country"), text(node, "plan")).validated();
    } catch (EventValidationException e) {
      throw Problems.invalid(e, null);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null; // validated() names the missing field
    }
    if (!value.isString()) {
      throw Problems.invalid("wrong-type", field, null, field + " must be a string, was " + value.getNodeType());
    }
    return value.stringValue();
  }
}

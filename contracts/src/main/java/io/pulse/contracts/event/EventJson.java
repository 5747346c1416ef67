package io.pulse.contracts.event;

import static io.pulse.contracts.event.EventLimits.*;

import io.pulse.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of {@link Event}: strict reading (unknown fields, wrong types, duplicate keys and
 * zone-less timestamps are errors with the offending field named) and canonical writing
 * (timestamp as ISO-8601 UTC). Other records go through {@link Json#MAPPER}, which this reads with
 * too (it refuses duplicate keys, so {@code {"type":"a","type":"b"}} is not silently "b").
 */
public final class EventJson {

  private static final Set<String> FIELDS =
      Set.of("eventId", "type", "userId", "entityId", "value", "timestamp", "properties");

  private static final Pattern TYPE_PATTERN = Pattern.compile("[A-Za-z0-9_.:-]+");

  private EventJson() {}

  /** Parses and validates one event from raw bytes, as read from Kafka. */
  public static Event read(byte[] json) {
    Event event = StreamingEventReader.read(json);
    return event != null ? event : readTree(json);
  }

  /** The reference reading: the whole value as a tree, then every check, naming the first problem. */
  static Event readTree(byte[] json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new EventValidationException("", "malformed-json", "not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(node);
  }

  /** Validates one already-parsed JSON value and turns it into an {@link Event}. */
  public static Event fromTree(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new EventValidationException("", "not-an-object", "an event must be a JSON object");
    }
    for (String name : node.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new EventValidationException(name, "unknown-field", "unknown field '" + name + "'; allowed: " + FIELDS);
      }
    }
    return new Event(
        requiredId(node, "eventId", MAX_ID_LENGTH),
        requiredType(node),
        requiredId(node, "userId", MAX_ID_LENGTH),
        optionalId(node, "entityId", MAX_ID_LENGTH),
        optionalValue(node),
        requiredTimestamp(node),
        optionalProperties(node));
  }

  /** The canonical JSON of an event, written field by field (no tree: this runs once per event at ingest). */
  public static byte[] write(Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty("eventId", event.eventId());
      json.writeStringProperty("type", event.type());
      json.writeStringProperty("userId", event.userId());
      if (event.entityId() != null) {
        json.writeStringProperty("entityId", event.entityId());
      }
      if (event.value() != null) {
        json.writeNumberProperty("value", event.value());
      }
      json.writeStringProperty("timestamp", event.timestamp().toString());
      if (!event.properties().isEmpty()) {
        json.writeObjectPropertyStart("properties");
        for (Map.Entry<String, String> property : event.properties().entrySet()) {
          json.writeStringProperty(property.getKey(), property.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String requiredId(JsonNode node, String field, int maxLength) {
    String value = optionalId(node, field, maxLength);
    if (value == null) {
      throw new EventValidationException(field, "missing-field", field + " is required");
    }
    return value;
  }

  private static String optionalId(JsonNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new EventValidationException(field, "wrong-type", field + " must be a string, was " + value.getNodeType());
    }
    return checkedText(field, value.stringValue(), maxLength);
  }

  private static String requiredType(JsonNode node) {
    String type = requiredId(node, "type", MAX_TYPE_LENGTH);
    if (!isValidType(type)) {
      throw new EventValidationException("type", "invalid-type", "type may only contain letters, digits and _ . : -");
    }
    return type;
  }

  static boolean isValidType(String type) {
    return TYPE_PATTERN.matcher(type).matches();
  }

  /** Checks an id-like text: non-blank, at most {@code maxLength}, no control characters. */
  public static String checkedText(String field, String text, int maxLength) {
    if (text.isBlank()) {
      throw new EventValidationException(field, "blank-string", field + " must not be blank");
    }
    if (text.length() > maxLength) {
      throw new EventValidationException(field, "too-long", field + " is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new EventValidationException(field, "control-character", field + " contains a control character at position " + i);
      }
    }
    return text;
  }

  private static Double optionalValue(JsonNode node) {
    JsonNode value = node.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new EventValidationException("value", "wrong-type", "value must be a number, was " + value.getNodeType());
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      throw new EventValidationException("value", "not-finite", "value must be a finite number");
    }
    return number;
  }

  private static Instant requiredTimestamp(JsonNode node) {
    JsonNode value = node.get("timestamp");
    if (value == null || value.isNull()) {
      throw new EventValidationException("timestamp", "missing-field", "timestamp is required");
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      long millis = value.longValue();
      if (millis < 0) {
        throw new EventValidationException("timestamp", "invalid-timestamp", "timestamp in epoch millis must not be negative");
      }
      return Instant.ofEpochMilli(millis);
    }
    if (value.isString()) {
      try {
        return OffsetDateTime.parse(value.stringValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw new EventValidationException("timestamp", "invalid-timestamp",
            "timestamp must be ISO-8601 with a zone (e.g. 2026-01-31T12:00:00Z) or epoch millis");
      }
    }
    throw new EventValidationException("timestamp", "invalid-timestamp",
        "timestamp must be an ISO-8601 string with a zone or an integer of epoch millis");
  }

  private static Map<String, String> optionalProperties(JsonNode node) {
    JsonNode value = node.get("properties");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new EventValidationException("properties", "wrong-type", "properties must be a flat object of strings");
    }
    if (value.size() > MAX_PROPERTIES) {
      throw new EventValidationException("properties", "too-many-properties", "at most " + MAX_PROPERTIES + " properties");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String field = "properties." + entry.getKey();
      checkedText(field, entry.getKey(), MAX_PROPERTY_KEY_LENGTH);
      if (!entry.getValue().isString()) {
        throw new EventValidationException(field, "wrong-type", field + " must be a string (properties are a flat string map)");
      }
      properties.put(entry.getKey(), checkedText(field, entry.getValue().stringValue(), MAX_PROPERTY_VALUE_LENGTH));
    }
    return properties;
  }
}

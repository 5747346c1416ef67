package io.pulse.contracts.event;

import static io.pulse.contracts.event.EventLimits.MAX_ID_LENGTH;
import static io.pulse.contracts.event.EventLimits.MAX_PROPERTIES;
import static io.pulse.contracts.event.EventLimits.MAX_PROPERTY_KEY_LENGTH;
import static io.pulse.contracts.event.EventLimits.MAX_PROPERTY_VALUE_LENGTH;
import static io.pulse.contracts.event.EventLimits.MAX_TYPE_LENGTH;

import io.pulse.contracts.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a well-formed event in one pass over the tokens, without building a tree: the aggregator
 * parses every event it consumes, and the tree was most of that cost. It only ever accepts what
 * {@link EventJson#fromTree} accepts, with the same result; anything else (an unknown or repeated
 * field, an unexpected token, a value the checks refuse) gives null, and the caller takes the tree
 * path, which names the problem.
 */
final class StreamingEventReader {

  private StreamingEventReader() {}

  static Event read(byte[] json) {
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      expect(parser.nextToken() == JsonToken.START_OBJECT);
      String eventId = null;
      String type = null;
      String userId = null;
      String entityId = null;
      Double value = null;
      Instant timestamp = null;
      Map<String, String> properties = Map.of();
      int seen = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
        String field = parser.currentName();
        int bit = bit(field);
        expect(bit != 0 && (seen & bit) == 0);
        seen |= bit;
        JsonToken v = parser.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue; // absent: whether that is allowed is checked below
        }
        switch (field) {
          case "eventId" -> eventId = text(parser, v, field, MAX_ID_LENGTH);
          case "type" -> type = text(parser, v, field, MAX_TYPE_LENGTH);
          case "userId" -> userId = text(parser, v, field, MAX_ID_LENGTH);
          case "entityId" -> entityId = text(parser, v, field, MAX_ID_LENGTH);
          case "value" -> value = number(parser, v);
          case "timestamp" -> timestamp = timestamp(parser, v);
          default -> properties = properties(parser, v);
        }
      }
      expect(token == JsonToken.END_OBJECT && parser.nextToken() == null);
      expect(eventId != null && type != null && userId != null && timestamp != null && EventJson.isValidType(type));
      return new Event(eventId, type, userId, entityId, value, timestamp, properties);
    } catch (NotCanonical | JacksonException | EventValidationException e) {
      return null;
    }
  }

  /** Thrown (without a stack trace) where the tree path must take over. */
  private static final class NotCanonical extends RuntimeException {
    private static final NotCanonical INSTANCE = new NotCanonical();

    private NotCanonical() {
      super(null, null, false, false);
    }
  }

  private static void expect(boolean condition) {
    if (!condition) {
      throw NotCanonical.INSTANCE;
    }
  }

  private static int bit(String field) {
    return switch (field) {
      case "eventId" -> 1;
      case "type" -> 2;
      case "userId" -> 4;
      case "entityId" -> 8;
      case "value" -> 16;
      case "timestamp" -> 32;
      case "properties" -> 64;
      default -> 0;
    };
  }

  private static String text(JsonParser parser, JsonToken token, String field, int maxLength) {
    expect(token == JsonToken.VALUE_STRING);
    return EventJson.checkedText(field, parser.getString(), maxLength);
  }

  private static Double number(JsonParser parser, JsonToken token) {
    expect(token.isNumeric());
    double number = parser.getDoubleValue();
    expect(Double.isFinite(number));
    return number;
  }

  private static Instant timestamp(JsonParser parser, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType kind = parser.getNumberType();
      expect(kind == JsonParser.NumberType.INT || kind == JsonParser.NumberType.LONG);
      long millis = parser.getLongValue();
      expect(millis >= 0);
      return Instant.ofEpochMilli(millis);
    }
    expect(token == JsonToken.VALUE_STRING);
    try {
      return UtcTimestamps.parse(parser.getString());
    } catch (DateTimeParseException e) {
      throw NotCanonical.INSTANCE; // the tree path reports it as invalid-timestamp
    }
  }

  private static Map<String, String> properties(JsonParser parser, JsonToken token) {
    expect(token == JsonToken.START_OBJECT);
    Map<String, String> properties = new LinkedHashMap<>();
    JsonToken next;
    while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      String field = "properties." + key;
      EventJson.checkedText(field, key, MAX_PROPERTY_KEY_LENGTH);
      expect(parser.nextToken() == JsonToken.VALUE_STRING && properties.size() < MAX_PROPERTIES);
      properties.put(key, EventJson.checkedText(field, parser.getString(), MAX_PROPERTY_VALUE_LENGTH));
    }
    expect(next == JsonToken.END_OBJECT);
    return properties;
  }
}

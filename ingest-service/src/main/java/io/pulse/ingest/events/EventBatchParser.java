package io.pulse.ingest.events;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.event.EventValidationException;
import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.web.Problems;
import io.pulse.ingest.web.StrictJson;
import io.pulse.ingest.web.Utf8;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request body into validated events, all or nothing: the first problem found is thrown
 * (with the event's index) and nothing is returned, so an invalid batch never reaches Kafka.
 * Arrays are read element by element, which stops a too-large batch early and locates malformed
 * JSON to the event it is in.
 */
@Component
public class EventBatchParser {

  private final int maxEvents;
  private final Duration maxFutureSkew;
  private final Clock clock;

  public EventBatchParser(IngestProperties properties, Clock clock) {
    this.maxEvents = properties.limits().maxBatchEvents();
    this.maxFutureSkew = properties.limits().maxFutureSkew();
    this.clock = clock;
  }

  List<Event> parse(byte[] body, BatchFormat format) {
    if (isBlank(body, 0, body.length)) {
      throw Problems.badRequest("empty-body", "the body is empty; send an event, a JSON array of events or NDJSON");
    }
    Instant latestAllowed = clock.instant().plus(maxFutureSkew);
    return format == BatchFormat.NDJSON ? parseLines(body, latestAllowed) : parseJson(body, latestAllowed);
  }

  private List<Event> parseJson(byte[] body, Instant latestAllowed) {
    int bad = Utf8.firstMalformed(body, 0, body.length);
    if (bad >= 0) {
      throw Problems.badRequest("invalid-utf8", "the body is not valid UTF-8 at byte " + bad);
    }
    List<Event> events = new ArrayList<>();
    Integer current = null;
    try (JsonParser parser = StrictJson.MAPPER.createParser(body)) {
      try {
        if (parser.nextToken() == JsonToken.START_ARRAY) {
          for (int index = 0; nextInArray(parser); index++) {
            current = index;
            if (index == maxEvents) {
              throw batchTooLarge(index);
            }
            events.add(toEvent(StrictJson.MAPPER.readTree(parser), index, latestAllowed));
            current = null; // failures between elements (a missing comma, no closing bracket) belong to none
          }
          if (events.isEmpty()) {
            throw Problems.badRequest("empty-batch", "the array holds no events");
          }
        } else {
          current = 0;
          events.add(toEvent(StrictJson.MAPPER.readTree(parser), 0, latestAllowed));
          current = null;
        }
        if (parser.nextToken() != null) {
          throw Problems.badRequest("malformed-json",
              "unexpected content after the JSON value (one event per line needs Content-Type application/x-ndjson)");
        }
      } catch (JacksonException e) {
        throw StrictJson.problemOf(e, parser, current);
      }
    }
    return events;
  }

  /** NDJSON: one event per line, blank lines skipped; an event's index is its 0-based line number. */
  private List<Event> parseLines(byte[] body, Instant latestAllowed) {
    List<Event> events = new ArrayList<>();
    int line = 0;
    for (int start = 0; start < body.length; line++) {
      int end = indexOf(body, (byte) '\n', start);
      if (!isBlank(body, start, end)) {
        if (events.size() == maxEvents) {
          throw batchTooLarge(line);
        }
        events.add(toEvent(StrictJson.readSingleValue(body, start, end, line), line, latestAllowed));
      }
      start = end + 1;
    }
    return events;
  }

  /** True when the parser stands on the next element; false at the array's end. */
  private static boolean nextInArray(JsonParser parser) {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw Problems.badRequest("malformed-json", "the array is not closed");
    }
    return token != JsonToken.END_ARRAY;
  }

  private Event toEvent(JsonNode node, int index, Instant latestAllowed) {
    Event event;
    try {
      event = EventJson.fromTree(node);
    } catch (EventValidationException e) {
      throw Problems.invalid(e, index);
    }
    if (event.timestamp().isAfter(latestAllowed)) {
      throw Problems.invalid("future-timestamp", "timestamp", index,
          "timestamp " + event.timestamp() + " is more than " + maxFutureSkew + " ahead of the server clock");
    }
    return event;
  }

  private RuntimeException batchTooLarge(int index) {
    return Problems.invalid("batch-too-large", null, index, "a request may carry at most " + maxEvents + " events");
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}

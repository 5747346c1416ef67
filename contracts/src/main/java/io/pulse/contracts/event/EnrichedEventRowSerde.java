package io.pulse.contracts.event;

import io.pulse.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Enriched events as rows of ClickHouse's {@code events} table (infra/clickhouse/V003), one
 * JSONEachRow line each: the sink inserts a batch of them as they are, without reading them.
 * Written with a streaming generator (no object mapping, times as epoch millis). Reading them back
 * is for tests and tools.
 */
public final class EnrichedEventRowSerde implements Serde<EnrichedEvent> {

  @Override
  public Serializer<EnrichedEvent> serializer() {
    return (topic, enriched) -> enriched == null ? null : write(enriched);
  }

  @Override
  public Deserializer<EnrichedEvent> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return read(Json.MAPPER.readTree(bytes));
      } catch (RuntimeException e) { // JacksonException, or a row missing a column
        throw new SerializationException("cannot read an events row from " + topic, e);
      }
    };
  }

  static byte[] write(EnrichedEvent enriched) {
    Event event = enriched.event();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty("event_id", event.eventId());
      json.writeStringProperty("type", event.type());
      json.writeStringProperty("user_id", event.userId());
      json.writeStringProperty("entity_id", event.entityId() == null ? "" : event.entityId());
      if (event.value() == null) {
        json.writeNullProperty("value");
      } else {
        json.writeNumberProperty("value", event.value());
      }
      json.writeNumberProperty("event_time_ms", event.timestamp().toEpochMilli());
      json.writeStringProperty("country", enriched.country());
      json.writeStringProperty("plan", enriched.plan());
      json.writeArrayPropertyStart("property_keys");
      for (String key : event.properties().keySet()) {
        json.writeString(key);
      }
      json.writeEndArray();
      json.writeArrayPropertyStart("property_values");
      for (String value : event.properties().values()) {
        json.writeString(value);
      }
      json.writeEndArray();
      json.writeNumberProperty("received_at_ms", enriched.receivedAt().toEpochMilli());
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static EnrichedEvent read(JsonNode row) {
    Map<String, String> properties = new LinkedHashMap<>();
    JsonNode keys = row.get("property_keys");
    JsonNode values = row.get("property_values");
    for (int i = 0; i < keys.size(); i++) {
      properties.put(keys.get(i).asString(), values.get(i).asString());
    }
    String entity = row.get("entity_id").asString();
    JsonNode value = row.get("value");
    Event event = new Event(row.get("event_id").asString(), row.get("type").asString(), row.get("user_id").asString(),
        entity.isEmpty() ? null : entity, value.isNull() ? null : value.asDouble(),
        Instant.ofEpochMilli(row.get("event_time_ms").asLong()), properties);
    return new EnrichedEvent(event, row.get("country").asString(), row.get("plan").asString(),
        Instant.ofEpochMilli(row.get("received_at_ms").asLong()));
  }
}

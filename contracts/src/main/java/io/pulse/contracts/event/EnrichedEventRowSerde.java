package io.pulse.contracts.event;

import io.pulse.contracts.clickhouse.RowBinary;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Enriched events as rows of ClickHouse's {@code events} table (infra/clickhouse/V003) in RowBinary,
 * the {@link #COLUMNS} in that order: the sink inserts a batch of them back to back, without reading
 * them. Reading them back is for tests and tools.
 */
public final class EnrichedEventRowSerde implements Serde<EnrichedEvent> {

  /** The columns each row holds, in order; the table's others have defaults. */
  public static final List<String> COLUMNS = List.of("event_id", "type", "user_id", "entity_id", "value", "event_time_ms",
      "country", "plan", "property_keys", "property_values", "received_at_ms");

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
        return read(new RowBinary.Reader(bytes));
      } catch (RuntimeException e) { // BufferUnderflowException, or a JSON row of an older version
        throw new SerializationException("cannot read an events row from " + topic + " (reset the application after an upgrade)", e);
      }
    };
  }

  static byte[] write(EnrichedEvent enriched) {
    Event event = enriched.event();
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    new RowBinary.Writer(out)
        .string(event.eventId())
        .string(event.type())
        .string(event.userId())
        .string(event.entityId() == null ? "" : event.entityId())
        .nullableFloat64(event.value())
        .int64(event.timestamp().toEpochMilli())
        .string(enriched.country())
        .string(enriched.plan())
        .strings(event.properties().keySet(), event.properties().size())
        .strings(event.properties().values(), event.properties().size())
        .int64(enriched.receivedAt().toEpochMilli());
    return out.toByteArray();
  }

  private static EnrichedEvent read(RowBinary.Reader row) {
    String eventId = row.string();
    String type = row.string();
    String userId = row.string();
    String entity = row.string();
    Double value = row.nullableFloat64();
    Instant time = Instant.ofEpochMilli(row.int64());
    String country = row.string();
    String plan = row.string();
    List<String> keys = row.strings();
    List<String> values = row.strings();
    Instant receivedAt = Instant.ofEpochMilli(row.int64());
    if (!row.atEnd() || keys.size() != values.size()) {
      throw new IllegalArgumentException("not an events row");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      properties.put(keys.get(i), values.get(i));
    }
    Event event = new Event(eventId, type, userId, entity.isEmpty() ? null : entity, value, time, properties);
    return new EnrichedEvent(event, country, plan, receivedAt);
  }
}

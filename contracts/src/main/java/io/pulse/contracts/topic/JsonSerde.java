package io.pulse.contracts.topic;

import io.pulse.contracts.json.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** JSON serde for the platform's own records (aggregates, profiles, late events). */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;
  // Built once: the mapper's readValue/writeValueAsBytes look the type's (de)serializer up on every call.
  private final ObjectReader reader;
  private final ObjectWriter writer;

  public JsonSerde(Class<T> type) {
    this.type = type;
    this.reader = Json.MAPPER.readerFor(type);
    this.writer = Json.MAPPER.writerFor(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : writer.writeValueAsBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (JacksonException e) {
        throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic, e);
      }
    };
  }
}

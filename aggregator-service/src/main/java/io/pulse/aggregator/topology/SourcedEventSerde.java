package io.pulse.aggregator.topology;

import io.pulse.aggregator.serde.EnrichedEventSerde;
import io.pulse.contracts.event.EnrichedEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Events on the aggregator's repartition topics: format byte 2, the source position, then the
 * enriched event in {@link EnrichedEventSerde}'s form. Records without the prefix (written by an
 * earlier version, binary or JSON) are still read, with an unknown position.
 */
final class SourcedEventSerde implements Serde<SourcedEvent> {

  private static final byte FORMAT = 2;
  private static final int PREFIX = 1 + Integer.BYTES + Long.BYTES;

  private final EnrichedEventSerde events = new EnrichedEventSerde();

  @Override
  public Serializer<SourcedEvent> serializer() {
    Serializer<EnrichedEvent> event = events.serializer();
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      byte[] body = event.serialize(topic, value.event());
      return ByteBuffer.allocate(PREFIX + body.length).put(FORMAT)
          .putInt(value.source().partition()).putLong(value.source().offset()).put(body).array();
    };
  }

  @Override
  public Deserializer<SourcedEvent> deserializer() {
    Deserializer<EnrichedEvent> event = events.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < PREFIX || bytes[0] != FORMAT) {
        return new SourcedEvent(event.deserialize(topic, bytes), SourcePosition.UNKNOWN);
      }
      ByteBuffer prefix = ByteBuffer.wrap(bytes, 1, PREFIX - 1);
      SourcePosition source = new SourcePosition(prefix.getInt(), prefix.getLong());
      return new SourcedEvent(event.deserialize(topic, Arrays.copyOfRange(bytes, PREFIX, bytes.length)), source);
    };
  }
}

package io.pulse.aggregator.serde;

import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Enriched events on the aggregator's repartition topics (one copy per aggregation). */
public final class EnrichedEventSerde extends CompactSerde<EnrichedEvent> {

  public EnrichedEventSerde() {
    super(EnrichedEvent.class);
  }

  @Override
  protected void write(EnrichedEvent value, DataOutputStream out) throws IOException {
    Event event = value.event();
    writeString(out, event.eventId());
    writeString(out, event.type());
    writeString(out, event.userId());
    writeString(out, event.entityId());
    out.writeBoolean(event.value() != null);
    if (event.value() != null) {
      out.writeDouble(event.value());
    }
    writeInstant(out, event.timestamp());
    out.writeInt(event.properties().size());
    for (Map.Entry<String, String> property : event.properties().entrySet()) {
      writeString(out, property.getKey());
      writeString(out, property.getValue());
    }
    writeString(out, value.country());
    writeString(out, value.plan());
    writeInstant(out, value.receivedAt());
  }

  @Override
  protected EnrichedEvent read(DataInputStream in) throws IOException {
    String eventId = readString(in);
    String type = readString(in);
    String userId = readString(in);
    String entityId = readString(in);
    Double value = in.readBoolean() ? in.readDouble() : null;
    var timestamp = readInstant(in);
    int properties = in.readInt();
    Map<String, String> props = new HashMap<>(Math.max(4, properties * 2));
    for (int i = 0; i < properties; i++) {
      props.put(readString(in), readString(in));
    }
    Event event = new Event(eventId, type, userId, entityId, value, timestamp, props);
    return new EnrichedEvent(event, readString(in), readString(in), readInstant(in));
  }
}

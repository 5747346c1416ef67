package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.contracts.topic.BinarySerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The binary form of {@link DimensionEvent} on the shuffle topics. */
final class DimensionEventSerde extends BinarySerde<DimensionEvent> {

  DimensionEventSerde() {
    super(3, "a dimension event");
  }

  @Override
  protected void write(DimensionEvent event, DataOutputStream out) throws IOException {
    out.writeInt(event.source().partition());
    out.writeLong(event.source().offset());
    out.writeLong(event.receivedAtMs());
    out.writeUTF(event.eventId());
    out.writeUTF(event.type());
    out.writeUTF(event.userId());
    out.writeUTF(event.country());
    out.writeUTF(event.plan());
    out.writeBoolean(event.value() != null);
    if (event.value() != null) {
      out.writeDouble(event.value());
    }
    out.writeLong(event.firstVisits());
  }

  @Override
  protected DimensionEvent read(DataInputStream in) throws IOException {
    SourcePosition source = new SourcePosition(in.readInt(), in.readLong());
    long receivedAtMs = in.readLong();
    String eventId = in.readUTF();
    String type = in.readUTF();
    String userId = in.readUTF();
    String country = in.readUTF();
    String plan = in.readUTF();
    Double value = in.readBoolean() ? in.readDouble() : null;
    return new DimensionEvent(source, receivedAtMs, eventId, type, userId, country, plan, value, in.readLong());
  }
}

package io.pulse.aggregator.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The binary form of {@link DimensionEvent} on the shuffle topics (internal: only this service reads it). */
final class DimensionEventSerde implements Serde<DimensionEvent> {

  private static final byte FORMAT = 3;

  @Override
  public Serializer<DimensionEvent> serializer() {
    return (topic, event) -> {
      if (event == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT);
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
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in memory: cannot happen
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<DimensionEvent> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new SerializationException("not a dimension event on " + topic + " (reset the application after an upgrade)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
        SourcePosition source = new SourcePosition(in.readInt(), in.readLong());
        long receivedAtMs = in.readLong();
        String eventId = in.readUTF();
        String type = in.readUTF();
        String userId = in.readUTF();
        String country = in.readUTF();
        String plan = in.readUTF();
        Double value = in.readBoolean() ? in.readDouble() : null;
        return new DimensionEvent(source, receivedAtMs, eventId, type, userId, country, plan, value, in.readLong());
      } catch (IOException e) {
        throw new SerializationException("cannot read a dimension event from " + topic, e);
      }
    };
  }
}

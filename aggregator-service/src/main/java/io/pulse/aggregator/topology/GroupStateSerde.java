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

/** The binary form of {@link GroupState} in the dimension stores and their changelogs. */
final class GroupStateSerde implements Serde<GroupState> {

  private static final byte FORMAT = 3;

  @Override
  public Serializer<GroupState> serializer() {
    return (topic, state) -> {
      if (state == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + state.slots.size() * 64);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT);
        out.writeLong(state.revision);
        out.writeLong(state.finalizedThrough);
        out.writeLong(state.lastClosed);
        writeLongs(out, state.processed.toArray());
        out.writeInt(state.slots.size());
        for (Slot slot : state.slots) {
          out.writeLong(slot.start);
          out.writeLong(slot.end);
          out.writeLong(slot.count);
          out.writeDouble(slot.sum);
          out.writeLong(slot.valued);
          out.writeDouble(slot.min);
          out.writeDouble(slot.max);
          out.writeLong(slot.lastReceivedMs);
          out.writeLong(slot.emittedStart);
          out.writeLong(slot.emittedEnd);
          out.writeLong(slot.firstVisits);
          out.writeLong(slot.lateCount);
          writeLongs(out, slot.users.hashes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in memory: cannot happen
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<GroupState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new SerializationException("not a group state in " + topic + " (reset the application after an upgrade)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
        GroupState state = new GroupState();
        state.revision = in.readLong();
        state.finalizedThrough = in.readLong();
        state.lastClosed = in.readLong();
        state.processed = SourceOffsets.of(readLongs(in));
        int slots = in.readInt();
        for (int i = 0; i < slots; i++) {
          Slot slot = new Slot(in.readLong(), in.readLong());
          slot.count = in.readLong();
          slot.sum = in.readDouble();
          slot.valued = in.readLong();
          slot.min = in.readDouble();
          slot.max = in.readDouble();
          slot.lastReceivedMs = in.readLong();
          slot.emittedStart = in.readLong();
          slot.emittedEnd = in.readLong();
          slot.firstVisits = in.readLong();
          slot.lateCount = in.readLong();
          slot.users = DistinctUsers.ofHashes(readLongs(in));
          state.slots.add(slot);
        }
        return state;
      } catch (IOException e) {
        throw new SerializationException("cannot read a group state from " + topic, e);
      }
    };
  }

  private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
    out.writeInt(values.length);
    for (long value : values) {
      out.writeLong(value);
    }
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    long[] values = new long[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readLong();
    }
    return values;
  }
}

package io.pulse.aggregator.topology;

import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.contracts.topic.BinarySerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * The binary form of {@link GroupState} in the dimension stores and their changelogs. A group's whole
 * state is written at every commit that changed it, and a sliding window's group holds a slot per event
 * time of the last window size, so a slot is written compactly: times as variable-length differences
 * from the slot's start (and starts from the previous slot's), and only the fields that differ from a
 * fresh slot, named by a flag byte. A sliding count's slot takes ~6 bytes instead of ~100.
 */
final class GroupStateSerde extends BinarySerde<GroupState> {

  private static final int SPAN = 1;
  private static final int COUNT = 1 << 1;
  private static final int VALUES = 1 << 2;
  private static final int USERS = 1 << 3;
  private static final int EMITTED = 1 << 4;
  private static final int FIRST_VISITS = 1 << 5;
  private static final int LATE = 1 << 6;
  private static final int SKETCH = 1 << 7;
  private static final byte[] NO_SKETCH = new byte[0];

  GroupStateSerde() {
    super(6, "a group state");
  }

  @Override
  protected void write(GroupState state, DataOutputStream out) throws IOException {
    out.writeLong(state.revision);
    out.writeLong(state.finalizedThrough);
    out.writeLong(state.lastClosed);
    writeLongs(out, state.processed.toArray());
    ByteUtils.writeVarint(state.slots.size(), out);
    long previousStart = 0;
    for (Slot slot : state.slots) {
      writeSlot(slot, previousStart, out);
      previousStart = slot.start;
    }
  }

  /** The fixed fields, then ~6 bytes per slot for a sliding count; larger slots double the buffer as they need. */
  @Override
  protected int sizeHint(GroupState state) {
    return 96 + state.slots.size() * 8;
  }

  @Override
  protected GroupState read(DataInputStream in) throws IOException {
    GroupState state = new GroupState();
    state.revision = in.readLong();
    state.finalizedThrough = in.readLong();
    state.lastClosed = in.readLong();
    state.processed = SourceOffsets.of(readLongs(in));
    int slots = ByteUtils.readVarint(in);
    long previousStart = 0;
    for (int i = 0; i < slots; i++) {
      Slot slot = readSlot(in, previousStart);
      previousStart = slot.start;
      state.slots.add(slot);
    }
    return state;
  }

  /** One slot, its start as a difference from {@code previousStart} (0 for a slot on its own). */
  static void writeSlot(Slot slot, long previousStart, DataOutputStream out) throws IOException {
    int flags = (slot.end != slot.start ? SPAN : 0) | (slot.count != 1 ? COUNT : 0) | (slot.plain() ? 0 : extraFlags(slot));
    out.writeByte(flags);
    ByteUtils.writeVarlong(slot.start - previousStart, out);
    ByteUtils.writeVarlong(slot.lastReceivedMs - slot.start, out);
    if ((flags & SPAN) != 0) {
      ByteUtils.writeVarlong(slot.end - slot.start, out);
    }
    if ((flags & COUNT) != 0) {
      ByteUtils.writeVarlong(slot.count, out);
    }
    if ((flags & VALUES) != 0) {
      ByteUtils.writeVarlong(slot.valued(), out);
      out.writeDouble(slot.sum());
      out.writeDouble(slot.min());
      out.writeDouble(slot.max());
    }
    if ((flags & USERS) != 0) {
      writeLongs(out, slot.users().hashes());
    }
    if ((flags & EMITTED) != 0) {
      ByteUtils.writeVarlong(slot.emittedStart() - slot.start, out);
      ByteUtils.writeVarlong(slot.emittedEnd() - slot.start, out);
    }
    if ((flags & FIRST_VISITS) != 0) {
      ByteUtils.writeVarlong(slot.firstVisits(), out);
    }
    if ((flags & LATE) != 0) {
      ByteUtils.writeVarlong(slot.lateCount(), out);
    }
    if ((flags & SKETCH) != 0) {
      writeBytes(out, slot.quantiles() == null ? NO_SKETCH : slot.quantiles().toBytes());
      writeBytes(out, slot.approxUsers() == null ? NO_SKETCH : slot.approxUsers().toBytes());
    }
  }

  private static int extraFlags(Slot slot) {
    return (slot.valued() != 0 ? VALUES : 0) | (slot.users().size() != 0 ? USERS : 0) | (slot.emitted() ? EMITTED : 0)
        | (slot.firstVisits() != 0 ? FIRST_VISITS : 0) | (slot.lateCount() != 0 ? LATE : 0)
        | (slot.quantiles() != null || slot.approxUsers() != null ? SKETCH : 0);
  }

  static Slot readSlot(DataInputStream in, long previousStart) throws IOException {
    int flags = in.readUnsignedByte();
    long start = previousStart + ByteUtils.readVarlong(in);
    long lastReceivedMs = start + ByteUtils.readVarlong(in);
    Slot slot = new Slot(start, (flags & SPAN) != 0 ? start + ByteUtils.readVarlong(in) : start);
    slot.lastReceivedMs = lastReceivedMs;
    slot.count = (flags & COUNT) != 0 ? ByteUtils.readVarlong(in) : 1;
    if ((flags & VALUES) != 0) {
      slot.values(ByteUtils.readVarlong(in), in.readDouble(), in.readDouble(), in.readDouble());
    }
    if ((flags & USERS) != 0) {
      slot.users(DistinctUsers.ofHashes(readLongs(in)));
    }
    if ((flags & EMITTED) != 0) {
      long emittedStart = start + ByteUtils.readVarlong(in);
      slot.emitted(emittedStart, start + ByteUtils.readVarlong(in));
    }
    if ((flags & FIRST_VISITS) != 0) {
      slot.firstVisits(ByteUtils.readVarlong(in));
    }
    if ((flags & LATE) != 0) {
      slot.lateCount(ByteUtils.readVarlong(in));
    }
    if ((flags & SKETCH) != 0) {
      byte[] quantiles = readBytes(in);
      byte[] approxUsers = readBytes(in);
      slot.sketches(quantiles.length == 0 ? null : ValueQuantiles.fromBytes(quantiles),
          approxUsers.length == 0 ? null : ApproxDistinct.fromBytes(approxUsers));
    }
    return slot;
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    ByteUtils.writeVarint(bytes.length, out);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    return in.readNBytes(ByteUtils.readVarint(in));
  }
}

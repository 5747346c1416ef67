package io.pulse.aggregator.topology;

import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.contracts.topic.BinarySerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The binary form of {@link GroupState} in the dimension stores and their changelogs. */
final class GroupStateSerde extends BinarySerde<GroupState> {

  GroupStateSerde() {
    super(4, "a group state");
  }

  @Override
  protected void write(GroupState state, DataOutputStream out) throws IOException {
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
      out.writeUTF(slot.quantiles == null ? "" : slot.quantiles.toBase64());
      out.writeUTF(slot.approxUsers == null ? "" : slot.approxUsers.toBase64());
    }
  }

  @Override
  protected GroupState read(DataInputStream in) throws IOException {
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
      String quantiles = in.readUTF();
      slot.quantiles = quantiles.isEmpty() ? null : ValueQuantiles.fromBase64(quantiles);
      String approxUsers = in.readUTF();
      slot.approxUsers = approxUsers.isEmpty() ? null : ApproxDistinct.fromBase64(approxUsers);
      state.slots.add(slot);
    }
    return state;
  }
}

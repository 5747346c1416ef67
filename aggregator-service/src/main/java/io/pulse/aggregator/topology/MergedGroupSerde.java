package io.pulse.aggregator.topology;

import io.pulse.contracts.topic.BinarySerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.utils.ByteUtils;

/** The binary form of {@link MergedGroup} in a pre-aggregated dimension's store: only the partitions that sent a partial. */
final class MergedGroupSerde extends BinarySerde<MergedGroup> {

  private static final int FINAL = 1;
  private static final int AMENDED = 2;

  MergedGroupSerde() {
    super(1, "a merged group");
  }

  @Override
  protected void write(MergedGroup group, DataOutputStream out) throws IOException {
    ByteUtils.writeVarint(group.windows.size(), out);
    for (MergedGroup.Window window : group.windows.values()) {
      out.writeLong(window.start);
      ByteUtils.writeVarlong(window.end - window.start, out);
      out.writeByte((window.finalSent ? FINAL : 0) | (window.amended ? AMENDED : 0));
      ByteUtils.writeVarint(window.parts.length, out);
      int present = 0;
      for (Slot part : window.parts) {
        present += part == null ? 0 : 1;
      }
      ByteUtils.writeVarint(present, out);
      for (int partition = 0; partition < window.parts.length; partition++) {
        if (window.parts[partition] != null) {
          ByteUtils.writeVarint(partition, out);
          ByteUtils.writeVarlong(window.versions[partition], out);
          GroupStateSerde.writeSlot(window.parts[partition], window.start, out);
        }
      }
    }
  }

  @Override
  protected MergedGroup read(DataInputStream in) throws IOException {
    MergedGroup group = new MergedGroup();
    int windows = ByteUtils.readVarint(in);
    for (int i = 0; i < windows; i++) {
      long start = in.readLong();
      long end = start + ByteUtils.readVarlong(in);
      int flags = in.readUnsignedByte();
      MergedGroup.Window window = new MergedGroup.Window(start, end, ByteUtils.readVarint(in));
      window.finalSent = (flags & FINAL) != 0;
      window.amended = (flags & AMENDED) != 0;
      int present = ByteUtils.readVarint(in);
      for (int p = 0; p < present; p++) {
        int partition = ByteUtils.readVarint(in);
        long version = ByteUtils.readVarlong(in);
        window.replace(partition, version, GroupStateSerde.readSlot(in, start));
      }
      group.windows.put(start, window);
    }
    return group;
  }
}

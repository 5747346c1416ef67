package io.pulse.aggregator.topology;

import io.pulse.aggregator.serde.CompactSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Window values in the window stores (read and rewritten for every event) and open-window records. */
final class WindowAccumulatorSerde extends CompactSerde<WindowAccumulator> {

  WindowAccumulatorSerde() {
    super(WindowAccumulator.class);
  }

  @Override
  protected void write(WindowAccumulator value, DataOutputStream out) throws IOException {
    writeAccumulator(value, out);
  }

  @Override
  protected WindowAccumulator read(DataInputStream in) throws IOException {
    return readAccumulator(in);
  }

  static void writeAccumulator(WindowAccumulator value, DataOutputStream out) throws IOException {
    out.writeLong(value.count());
    out.writeDouble(value.sum());
    out.writeLong(value.revision());
    out.writeLong(value.lastReceivedMs());
    long[] users = value.users().hashes();
    out.writeInt(users.length);
    for (long user : users) {
      out.writeLong(user);
    }
    long[] counted = value.counted().toArray();
    out.writeInt(counted.length);
    for (long offset : counted) {
      out.writeLong(offset);
    }
  }

  static WindowAccumulator readAccumulator(DataInputStream in) throws IOException {
    long count = in.readLong();
    double sum = in.readDouble();
    long revision = in.readLong();
    long lastReceivedMs = in.readLong();
    long[] users = new long[in.readInt()];
    for (int i = 0; i < users.length; i++) {
      users[i] = in.readLong();
    }
    // Values written before positions were recorded end here; they are always written last.
    long[] counted = new long[in.available() > 0 ? in.readInt() : 0];
    for (int i = 0; i < counted.length; i++) {
      counted[i] = in.readLong();
    }
    return new WindowAccumulator(count, sum, DistinctUsers.ofHashes(users), revision, lastReceivedMs, SourceOffsets.of(counted));
  }
}

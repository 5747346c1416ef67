package io.pulse.aggregator.topology;

import io.pulse.aggregator.serde.CompactSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The finalizer's open windows (rewritten for every change of a window). */
final class OpenWindowSerde extends CompactSerde<OpenWindow> {

  OpenWindowSerde() {
    super(OpenWindow.class);
  }

  @Override
  protected void write(OpenWindow value, DataOutputStream out) throws IOException {
    writeString(out, value.key());
    out.writeLong(value.start());
    out.writeLong(value.end());
    out.writeBoolean(value.emitted());
    out.writeBoolean(value.removed());
    WindowAccumulatorSerde.writeAccumulator(value.acc(), out);
  }

  @Override
  protected OpenWindow read(DataInputStream in) throws IOException {
    String key = readString(in);
    long start = in.readLong();
    long end = in.readLong();
    boolean emitted = in.readBoolean();
    boolean removed = in.readBoolean();
    return new OpenWindow(key, start, end, WindowAccumulatorSerde.readAccumulator(in), emitted, removed);
  }
}

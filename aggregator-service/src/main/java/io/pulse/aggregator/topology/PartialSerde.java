package io.pulse.aggregator.topology;

import io.pulse.contracts.topic.BinarySerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The binary form of {@link Partial} on a pre-aggregated dimension's shuffle topic. */
final class PartialSerde extends BinarySerde<Partial> {

  private static final int WINDOW = 0;
  private static final int WATERMARK = 1;

  PartialSerde() {
    super(1, "a partial");
  }

  @Override
  protected void write(Partial partial, DataOutputStream out) throws IOException {
    switch (partial) {
      case Partial.Window window -> {
        out.writeByte(WINDOW);
        out.writeShort(window.aggregation());
        out.writeUTF(window.group());
        out.writeLong(window.start());
        out.writeLong(window.end());
        out.writeShort(window.partition());
        out.writeLong(window.version());
        out.writeBoolean(window.amended());
        GroupStateSerde.writeSlot(window.value(), window.start(), out);
      }
      case Partial.Watermark watermark -> {
        out.writeByte(WATERMARK);
        out.writeShort(watermark.partition());
        out.writeLong(watermark.streamTime());
      }
    }
  }

  @Override
  protected Partial read(DataInputStream in) throws IOException {
    if (in.readByte() == WATERMARK) {
      return new Partial.Watermark(in.readShort(), in.readLong());
    }
    int aggregation = in.readShort();
    String group = in.readUTF();
    long start = in.readLong();
    long end = in.readLong();
    int partition = in.readShort();
    long version = in.readLong();
    boolean amended = in.readBoolean();
    return new Partial.Window(aggregation, group, start, end, partition, version, amended, GroupStateSerde.readSlot(in, start));
  }
}

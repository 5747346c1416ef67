package io.pulse.contracts.topic;

import io.pulse.contracts.aggregation.WindowResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * The binary form of {@link WindowResult} on {@code window-results}, which only the aggregator's
 * own sink reads: reading JSON there cost more CPU than any stage of the topology. Times are epoch
 * millis.
 */
public final class WindowResultSerde extends BinarySerde<WindowResult> {

  private static final int FINAL = 1;
  private static final int RETRACTED = 2;
  private static final int AMENDED = 4;

  public WindowResultSerde() {
    super(6, "a window row");
  }

  @Override
  protected void write(WindowResult row, DataOutputStream out) throws IOException {
    out.writeUTF(row.aggregation());
    out.writeLong(row.windowStart().toEpochMilli());
    out.writeLong(row.windowEnd().toEpochMilli());
    out.writeUTF(row.groupKey());
    out.writeUTF(row.type());
    out.writeUTF(row.country());
    out.writeUTF(row.plan());
    out.writeLong(row.count());
    out.writeDouble(row.value());
    out.writeLong(row.revision());
    out.writeByte((row.isFinal() ? FINAL : 0) | (row.retracted() ? RETRACTED : 0) | (row.amended() ? AMENDED : 0));
    out.writeLong(row.watermark().toEpochMilli());
    out.writeLong(row.lastReceivedAt().toEpochMilli());
    out.writeLong(row.emittedAt().toEpochMilli());
    out.writeLong(row.lateCount());
    out.writeLong(row.valued());
    byte[] sketch = row.sketch().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeInt(sketch.length);
    out.write(sketch);
  }

  @Override
  protected WindowResult read(DataInputStream in) throws IOException {
    String aggregation = in.readUTF();
    Instant windowStart = Instant.ofEpochMilli(in.readLong());
    Instant windowEnd = Instant.ofEpochMilli(in.readLong());
    String groupKey = in.readUTF();
    String type = in.readUTF();
    String country = in.readUTF();
    String plan = in.readUTF();
    long count = in.readLong();
    double value = in.readDouble();
    long revision = in.readLong();
    int flags = in.readByte();
    Instant watermark = Instant.ofEpochMilli(in.readLong());
    Instant lastReceivedAt = Instant.ofEpochMilli(in.readLong());
    Instant emittedAt = Instant.ofEpochMilli(in.readLong());
    long lateCount = in.readLong();
    long valued = in.readLong();
    String sketch = new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.US_ASCII);
    return new WindowResult(aggregation, windowStart, windowEnd, groupKey, type, country, plan, count, value, revision,
        (flags & FINAL) != 0, (flags & RETRACTED) != 0, watermark, lastReceivedAt, emittedAt, (flags & AMENDED) != 0,
        lateCount, valued, sketch);
  }
}

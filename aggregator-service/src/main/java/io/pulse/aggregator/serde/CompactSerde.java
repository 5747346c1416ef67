package io.pulse.aggregator.serde;

import io.pulse.contracts.topic.JsonSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for the aggregator's internal records (repartition topics and state
 * stores), which nobody outside the aggregator reads. JSON there cost about a quarter of the
 * aggregator's CPU (JFR, scripts/bench.sh --jfr). Public topics stay JSON.
 *
 * <p>Every value starts with a format byte. A value that starts with '{' is JSON from before this
 * format existed and is still read, so an upgraded instance restores older state and drains older
 * repartition records instead of failing on them.
 */
public abstract class CompactSerde<T> implements Serde<T> {

  private static final byte FORMAT = 1;
  private static final byte JSON_START = '{';

  private final JsonSerde<T> legacy;
  private final String typeName;

  protected CompactSerde(Class<T> type) {
    this.legacy = new JsonSerde<>(type);
    this.typeName = type.getSimpleName();
  }

  protected abstract void write(T value, DataOutputStream out) throws IOException;

  protected abstract T read(DataInputStream in) throws IOException;

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT);
        write(value, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in-memory stream: cannot happen
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    Deserializer<T> json = legacy.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == JSON_START) {
        return json.deserialize(topic, bytes);
      }
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new SerializationException("cannot read " + typeName + " from " + topic + ": unknown format "
            + (bytes.length == 0 ? "(empty)" : bytes[0]));
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
        return read(in);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("cannot read " + typeName + " from " + topic, e);
      }
    };
  }

  /** A string of any length, or null (length -1); UTF-8 unlike DataOutput.writeUTF, which stops at 64 KB. */
  protected static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  protected static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** An instant to the nanosecond, as JSON kept it. */
  protected static void writeInstant(DataOutputStream out, Instant value) throws IOException {
    out.writeLong(value.getEpochSecond());
    out.writeInt(value.getNano());
  }

  protected static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}

package io.pulse.contracts.topic;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteBufferInputStream;

/**
 * The binary form of an internal record (shuffle topics, state stores and their changelogs, the
 * aggregator's window rows), which only the aggregator reads: a format byte, then the fields. A
 * record of another format is refused with a hint instead of being misread; internal formats of
 * unreleased versions are not read back.
 */
public abstract class BinarySerde<T> implements Serde<T> {

  private final byte format;
  private final String what;

  protected BinarySerde(int format, String what) {
    this.format = (byte) format;
    this.what = what;
  }

  protected abstract void write(T value, DataOutputStream out) throws IOException;

  protected abstract T read(DataInputStream in) throws IOException;

  /** Bytes to start the buffer with: each time it runs out, it doubles, copying the bytes so far. */
  protected int sizeHint(T value) {
    return 128;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      Buffer bytes = new Buffer(sizeHint(value));
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(format);
        write(value, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in memory: cannot happen
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0 || bytes[0] != format) {
        throw new SerializationException("not " + what + " in " + topic + " (reset the application after an upgrade)");
      }
      try (DataInputStream in = new DataInputStream(new ByteBufferInputStream(ByteBuffer.wrap(bytes, 1, bytes.length - 1)))) {
        return read(in);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + what + " from " + topic, e);
      }
    };
  }

  /**
   * ByteArrayOutputStream without its lock, which every write takes: the formats write varints byte by
   * byte, and a sliding window's group state is hundreds of them. (Kafka's ByteBufferOutputStream
   * does not lock either, but grows by a tenth at a time: a large value was copied dozens of times.)
   * Reading needs no such class: Kafka's ByteBufferInputStream does not lock.
   */
  private static final class Buffer extends OutputStream {

    private byte[] bytes;
    private int size;

    Buffer(int capacity) {
      bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(16, bytes.length * 2));
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] from, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, from.length);
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
      }
      System.arraycopy(from, offset, bytes, size, length);
      size += length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  protected static void writeLongs(DataOutputStream out, long[] values) throws IOException {
    out.writeInt(values.length);
    for (long value : values) {
      out.writeLong(value);
    }
  }

  protected static long[] readLongs(DataInputStream in) throws IOException {
    long[] values = new long[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readLong();
    }
    return values;
  }
}

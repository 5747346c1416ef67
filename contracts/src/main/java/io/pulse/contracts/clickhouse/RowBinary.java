package io.pulse.contracts.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's RowBinary format, for the few column types the platform inserts in bulk: a row is
 * its columns' values back to back, numbers little-endian, strings and arrays prefixed by a LEB128
 * length, Nullable by a null byte. The server reads it without parsing text (JSONEachRow was most
 * of an insert's cost); 18.16 and current releases read it alike. Hand-written because the
 * client's encoder lives in a jar that would bring four more libraries into every service.
 */
public final class RowBinary {

  private RowBinary() {}

  /** Appends values to a row buffer. */
  public static final class Writer {

    private final ByteArrayOutputStream out;
    private final byte[] scratch = new byte[8];

    public Writer(ByteArrayOutputStream out) {
      this.out = out;
    }

    public Writer string(String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      length(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    public Writer int64(long value) {
      for (int i = 0; i < 8; i++) {
        scratch[i] = (byte) (value >>> (8 * i));
      }
      out.write(scratch, 0, 8);
      return this;
    }

    /** UInt64 has Int64's bytes for every value up to Long.MAX_VALUE. */
    public Writer uint64(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("UInt64 value out of range: " + value);
      }
      return int64(value);
    }

    public Writer uint8(boolean value) {
      out.write(value ? 1 : 0);
      return this;
    }

    public Writer float64(double value) {
      return int64(Double.doubleToRawLongBits(value));
    }

    public Writer nullableFloat64(Double value) {
      out.write(value == null ? 1 : 0);
      return value == null ? this : float64(value);
    }

    public Writer strings(Iterable<String> values, int count) {
      length(count);
      values.forEach(this::string);
      return this;
    }

    private void length(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }

  /** Reads a row back, for tests and tools. */
  public static final class Reader {

    private final ByteBuffer in;

    public Reader(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public String string() {
      byte[] bytes = new byte[length()];
      in.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public long int64() {
      return in.getLong();
    }

    public boolean uint8() {
      return in.get() != 0;
    }

    public double float64() {
      return in.getDouble();
    }

    public Double nullableFloat64() {
      return in.get() != 0 ? null : in.getDouble();
    }

    public List<String> strings() {
      int count = length();
      List<String> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(string());
      }
      return values;
    }

    public boolean atEnd() {
      return !in.hasRemaining();
    }

    private int length() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = in.get();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return Math.toIntExact(value);
        }
      }
    }
  }
}

package io.pulse.contracts.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Percentiles of the events' {@code value} as a DDSketch: each percentile it answers lies within
 * {@link #RELATIVE_ERROR} of the exact value at that rank, however skewed the values, and the
 * sketches of two windows merge into the sketch of their union with the same guarantee. Its size
 * is bounded ({@link #MAX_BINS} bins per sign, ~17 orders of magnitude before the lowest collapse),
 * not by the number of values.
 */
public final class ValueQuantiles {

  public static final double RELATIVE_ERROR = 0.01;
  private static final int MAX_BINS = 2048;

  private final DDSketch sketch;

  private ValueQuantiles(DDSketch sketch) {
    this.sketch = sketch;
  }

  public static ValueQuantiles empty() {
    return new ValueQuantiles(DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ERROR, MAX_BINS));
  }

  /** From {@link #toBase64()}; an empty text is an empty sketch. */
  public static ValueQuantiles fromBase64(String text) {
    return text == null || text.isEmpty() ? empty() : fromBytes(Base64.getDecoder().decode(text));
  }

  /** From {@link #toBytes()}. */
  public static ValueQuantiles fromBytes(byte[] bytes) {
    try {
      return new ValueQuantiles(DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS)));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a value-quantiles sketch: " + e.getMessage(), e);
    }
  }

  public void add(double value) {
    sketch.accept(value);
  }

  public void merge(ValueQuantiles other) {
    sketch.mergeWith(other.sketch);
  }

  public ValueQuantiles copy() {
    return new ValueQuantiles(sketch.copy());
  }

  public long count() {
    return (long) sketch.getCount();
  }

  /** The value at {@code percentile} (0-100); 0 when no event carried a value, as for avg, min and max. */
  public double percentile(double percentile) {
    return sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(percentile / 100);
  }

  /** The form a window row carries (text, so it passes through JSON). */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(toBytes());
  }

  /** The form a state store keeps. */
  public byte[] toBytes() {
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(out, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory output does not fail
    }
    return out.trimmedCopy();
  }
}

package io.pulse.contracts.sketch;

import java.util.Base64;
import net.agkn.hll.HLL;

/**
 * Distinct users as a HyperLogLog (2^13 registers of 5 bits, the storage format of PostgreSQL's
 * {@code hll} extension): exact while small, then at most ~5 KB whatever the number of users, and
 * the sketches of two windows (or groups) merge into the sketch of their union. One standard error
 * is 1.04 / sqrt(2^13) = 1.15 %; {@link #RELATIVE_ERROR} is three of them, the bound 99.7 % of
 * estimates keep. Users are added as 64-bit hashes with well-mixed bits (MurmurHash3 of the id).
 */
public final class ApproxDistinct {

  public static final double RELATIVE_ERROR = 0.035;
  private static final int LOG2M = 13;
  private static final int REGISTER_WIDTH = 5;

  private final HLL hll;

  private ApproxDistinct(HLL hll) {
    this.hll = hll;
  }

  public static ApproxDistinct empty() {
    return new ApproxDistinct(new HLL(LOG2M, REGISTER_WIDTH));
  }

  /** From {@link #toBase64()}; an empty text is an empty sketch. */
  public static ApproxDistinct fromBase64(String text) {
    return text == null || text.isEmpty() ? empty() : fromBytes(Base64.getDecoder().decode(text));
  }

  /** From {@link #toBytes()}. */
  public static ApproxDistinct fromBytes(byte[] bytes) {
    try {
      return new ApproxDistinct(HLL.fromBytes(bytes));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a distinct-users sketch: " + e.getMessage(), e);
    }
  }

  public void add(long userHash) {
    hll.addRaw(userHash);
  }

  public void merge(ApproxDistinct other) {
    hll.union(other.hll);
  }

  public ApproxDistinct copy() {
    ApproxDistinct copy = empty();
    copy.merge(this);
    return copy;
  }

  public long estimate() {
    return hll.cardinality();
  }

  /** The form a window row carries (text, so it passes through JSON). */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(toBytes());
  }

  /** The form a state store keeps. */
  public byte[] toBytes() {
    return hll.toBytes();
  }
}

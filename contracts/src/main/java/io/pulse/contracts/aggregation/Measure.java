package io.pulse.contracts.aggregation;

import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;
import java.util.Locale;

/** What an aggregation computes per window and group. */
public enum Measure {
  COUNT,
  /** Sum of the events' {@code value}; events without a value add nothing. */
  SUM,
  DISTINCT_USERS,
  /** Mean of the events' {@code value}, over the events that have one (0 when none has). */
  AVG,
  /** Smallest {@code value} (0 when no event has one). */
  MIN,
  /** Largest {@code value} (0 when no event has one). */
  MAX,
  /**
   * Percentiles of {@code value} (the definition's {@code percentiles}, the first one ranks), from a
   * mergeable sketch within {@link ValueQuantiles#RELATIVE_ERROR}.
   */
  PERCENTILES,
  /** Distinct users from a mergeable sketch, within {@link ApproxDistinct#RELATIVE_ERROR}. */
  APPROX_DISTINCT_USERS;

  /** The name as declared and shown: "approx-distinct-users". */
  public String declaredName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The measures kept as a sketch, whose rows carry it so that windows and groups merge. */
  public boolean sketched() {
    return this == PERCENTILES || this == APPROX_DISTINCT_USERS;
  }

  /** The stated relative error of the measure's values; 0 for exact measures. */
  public double relativeError() {
    return switch (this) {
      case PERCENTILES -> ValueQuantiles.RELATIVE_ERROR;
      case APPROX_DISTINCT_USERS -> ApproxDistinct.RELATIVE_ERROR;
      default -> 0;
    };
  }
}

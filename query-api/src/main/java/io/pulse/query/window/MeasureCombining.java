package io.pulse.query.window;

import io.pulse.contracts.aggregation.Measure;

/**
 * How the stored values of several window rows of one measure combine, as SQL aggregate functions:
 * the one place that knows which measures add up. Range boards combine a group's windows, series
 * without a key combine the groups of a window, every read combines a group's facet rows of one window.
 *
 * <p>What a row holds decides what is exact (aggregator: {@code Slot}, {@code WindowRows}): {@code value}
 * is the measure and {@code event_count} counts every event of the row, with or without a value.
 * <ul>
 *   <li>count, sum: add up.</li>
 *   <li>min, max: the smallest of the minima, the largest of the maxima. A row whose events carried no
 *       value holds 0 (the measure's definition for an empty window) and takes part as 0.</li>
 *   <li>avg: the exact weight of a row's mean is the number of its events that carried a value ({@code valued});
 *       windows combine in Java by that weight ({@code SketchBoards}), not in SQL.</li>
 *   <li>distinct-users: not combinable. A row stores how many users it saw, not which, so a user seen in
 *       two windows (or groups) would count twice.</li>
 *   <li>percentiles, approx-distinct-users: a row carries its sketch; windows combine by merging sketches in
 *       Java ({@code SketchBoards}), not in SQL.</li>
 * </ul>
 */
public final class MeasureCombining {

  private MeasureCombining() {}

  /**
   * The facet rows of one group in one window ({@link WindowSql#perWindowAndGroup(Measure, String, String)}).
   * Avg, min and max are declared without facets (the aggregator's {@code AggregationValidator}), so each has
   * one row per window and group and the function returns that row's value. Distinct users add up over the
   * facet rows as they always have: exact for country and plan (a user has one at a time), an over-count for
   * a user with events of two types when split by type.
   */
  public static String facetRows(Measure measure, String column) {
    return switch (measure) {
      case COUNT, SUM, DISTINCT_USERS -> "sum(" + column + ")";
      case MIN -> "min(" + column + ")";
      case MAX -> "max(" + column + ")";
      case AVG, PERCENTILES, APPROX_DISTINCT_USERS -> "any(" + column + ")";
    };
  }

  /** True when rows of different windows, or of different groups, combine exactly ({@link #acrossRows}). */
  public static boolean combinable(Measure measure) {
    return switch (measure) {
      case COUNT, SUM, MIN, MAX -> true;
      case AVG, DISTINCT_USERS, PERCENTILES, APPROX_DISTINCT_USERS -> false;
    };
  }

  /**
   * The combination of rows of different windows or groups; only for {@link #combinable} measures. For each of
   * them it is the same function as {@link #facetRows}, so rows may be combined in one step whatever their
   * windows and facets (range boards do).
   */
  public static String acrossRows(Measure measure, String column) {
    return switch (measure) {
      case COUNT, SUM -> "sum(" + column + ")";
      case MIN -> "min(" + column + ")";
      case MAX -> "max(" + column + ")";
      case AVG, DISTINCT_USERS, PERCENTILES, APPROX_DISTINCT_USERS -> throw new IllegalArgumentException(
          "not combinable in SQL: " + measure);
    };
  }

  /**
   * {@link #acrossRows} in Java: two values of rows (or of already combined rows) of a {@link #combinable}
   * measure. Range boards combine cached windows with it; a sum may differ from ClickHouse's in the last bit,
   * as any two orders of adding doubles may.
   */
  public static double combine(Measure measure, double a, double b) {
    return switch (measure) {
      case COUNT, SUM -> a + b;
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case AVG, DISTINCT_USERS, PERCENTILES, APPROX_DISTINCT_USERS -> throw new IllegalArgumentException(
          "values do not combine: " + measure);
    };
  }

  /**
   * Why a measure's rows do not combine over windows, for a problem detail; null when they do: in SQL
   * ({@link #combinable}), or in Java on range boards (sketches merged, means weighted by their valued events).
   */
  public static String whyNot(Measure measure) {
    return switch (measure) {
      case COUNT, SUM, MIN, MAX, PERCENTILES, APPROX_DISTINCT_USERS, AVG -> null;
      case DISTINCT_USERS -> "a distinct-users row stores how many users it saw, not which, so a user seen in two"
          + " of the rows would count twice; approx-distinct-users keeps a mergeable sketch for that";
    };
  }
}

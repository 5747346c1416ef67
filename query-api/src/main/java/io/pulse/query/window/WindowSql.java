package io.pulse.query.window;

import io.pulse.contracts.aggregation.Measure;
import java.util.Map;

/**
 * SQL fragments over {@code window_aggregates} shared by the leaderboard, series and session reads.
 *
 * <p>Every read starts from {@link #latestRevisions}: one row per stored window row (window, group
 * and facet values) carrying its highest revision, which {@code FINAL} picks while reading
 * (ReplacingMergeTree's version column). Versions of a row are never added up. The WHERE clause
 * only touches sorting-key columns, which every version of a row shares, so it may run before the
 * collapse (ClickHouse moves it to PREWHERE) and reads only the granules of the
 * (aggregation, window_start_ms) range. Retracted rows (sessions merged into a bigger one) are
 * dropped in an outer query, after the collapse, so a retraction hides every older version of its
 * row. FINAL measured 2.5x faster than the equivalent argMax-by-revision GROUP BY on 18.16.
 *
 * <p>Aliases differ from column names on purpose: ClickHouse 18.16 resolves an alias that shadows
 * a column inside the same query, which turns {@code sum(value) AS value} into a cyclic alias in
 * some query shapes.
 */
public final class WindowSql {

  /** Facet filters map to these columns only: column names never come from a request. */
  public static final Map<String, String> FACET_COLUMNS = Map.of("type", "type", "country", "country", "plan", "plan");

  /** Windows starting in [{@code :lo}, {@code :hi}]: the range most reads take. */
  public static final String START_BETWEEN_LO_HI = "window_start_ms >= :lo AND window_start_ms <= :hi";

  private WindowSql() {}

  /**
   * Latest revision of every row of {@code :aggregation} whose window starts in
   * [{@code :lo}, {@code :hi}], narrowed by {@code extraConditions} (sorting-key columns only).
   * Columns: window_start_ms, window_end_ms, group_key, v (value), c (event count), rev, fin, amd (amended: a
   * final revision a late event reopened, {@code late: amend}), lc (late events counted beside the value,
   * {@code late: side}).
   */
  public static String latestRevisions(String extraConditions) {
    return latestRevisions(START_BETWEEN_LO_HI, extraConditions);
  }

  /** {@link #latestRevisions(String)} with the window-start range given as SQL (key columns only). */
  public static String latestRevisions(String startRange, String extraConditions) {
    return latestRevisions(startRange, extraConditions, false);
  }

  /**
   * {@link #latestRevisions(String, String)}, with {@code merged} also the columns rows are merged by in Java:
   * n (valued: the events with a value, an average's weight) and sk (sketch). Only the reads that merge ask for
   * them: a sketch is kilobytes.
   */
  public static String latestRevisions(String startRange, String extraConditions, boolean merged) {
    return """
        SELECT window_start_ms, window_end_ms, group_key, value AS v, event_count AS c, revision AS rev, is_final AS fin,
               amended AS amd, late_count AS lc%s
        FROM (
          SELECT window_start_ms, window_end_ms, group_key, value, event_count, revision, is_final, amended, late_count,
                 retracted%s
          FROM window_aggregates FINAL
          WHERE aggregation = :aggregation AND %s%s)
        WHERE retracted = 0""".formatted(merged ? ", valued AS n, sketch AS sk" : "", merged ? ", valued, sketch" : "",
        startRange, extraConditions);
  }

  /**
   * {@link #latestRevisions} summed over facet rows: one row per window and group (values add up as
   * counts do; {@link #perWindowAndGroup(Measure, String, String)} combines them by measure). Columns:
   * window_start_ms, window_end_ms, group_key, wv (value), wc (count), wrev (sum of the latest
   * revisions of the group's facet rows, so it grows with every change), wfin (all rows final), wamd (any row
   * amended), wlc (late count summed over the rows).
   */
  public static String perWindowAndGroup(String extraConditions) {
    return perWindowAndGroup(START_BETWEEN_LO_HI, extraConditions);
  }

  /** {@link #perWindowAndGroup(String)} with the window-start range given as SQL (key columns only). */
  public static String perWindowAndGroup(String startRange, String extraConditions) {
    return perWindowAndGroup(Measure.COUNT, startRange, extraConditions);
  }

  /**
   * {@link #perWindowAndGroup(String, String)} with the facet rows' values combined as {@code measure}
   * combines ({@link MeasureCombining#facetRows}); counts, late counts and revisions always add up.
   */
  public static String perWindowAndGroup(Measure measure, String startRange, String extraConditions) {
    return """
        SELECT window_start_ms, window_end_ms, group_key, %s AS wv, sum(c) AS wc, sum(rev) AS wrev, min(fin) AS wfin,
               max(amd) AS wamd, sum(lc) AS wlc
        FROM (%s)
        GROUP BY window_start_ms, window_end_ms, group_key""".formatted(MeasureCombining.facetRows(measure, "v"),
        latestRevisions(startRange, extraConditions));
  }

  /**
   * Equality conditions on facet columns for the given filters, binding each value to a
   * {@code :f_<facet>} parameter in {@code params}. Facets not in {@link #FACET_COLUMNS} are a
   * programming error: callers validate them against the aggregation first.
   */
  public static String facetConditions(Map<String, String> filters, Map<String, Object> params) {
    StringBuilder sql = new StringBuilder();
    filters.forEach((facet, value) -> {
      String column = FACET_COLUMNS.get(facet);
      if (column == null) {
        throw new IllegalArgumentException("not a facet: " + facet);
      }
      sql.append(" AND ").append(column).append(" = :f_").append(facet);
      params.put("f_" + facet, value);
    });
    return sql.toString();
  }
}

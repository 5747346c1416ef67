package io.pulse.query.window;

import io.pulse.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the newest window of an aggregation, and the newest closed one. A plain max() would read
 * the window_start_ms of every row of the aggregation; instead the last answer is remembered and
 * the next lookup reads only windows starting at or after it (the primary-key prefix), which is a
 * handful of granules. Only when nothing is found there (the table was truncated) is the whole
 * aggregation read again. Rows are only ever added, so the newest window never moves back.
 */
@Component
public class WindowLocator {

  private final ClickHouse clickHouse;
  private final Map<String, Long> knownLatest = new ConcurrentHashMap<>();
  private final Map<String, Long> knownClosed = new ConcurrentHashMap<>();

  WindowLocator(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** Start of the newest window with any row, provisional or final; null when there is none. */
  public Instant latestStart(String aggregation) {
    return locate(aggregation, knownLatest, "");
  }

  /** Start of the newest window whose rows are final (closed: end + grace passed); null if none. */
  public Instant latestClosedStart(String aggregation) {
    return locate(aggregation, knownClosed, " AND is_final = 1");
  }

  /** The last newest start found, to narrow the next lookup; null when none is known. */
  public Long hint(String aggregation, boolean closed) {
    return (closed ? knownClosed : knownLatest).get(aggregation);
  }

  /** Records a newest start found by a query that located it itself (see LeaderboardRepository). */
  public void remember(String aggregation, boolean closed, long start) {
    (closed ? knownClosed : knownLatest).merge(aggregation, start, Math::max);
  }

  /**
   * SQL for the newest start at or after {@code :hint}, as a scalar subquery: lets a read find
   * its window and rank it in one round trip. Yields 0 when the hint is stale (nothing there).
   */
  public static String newestStartSubquery(boolean closed) {
    return "(SELECT max(window_start_ms) FROM window_aggregates WHERE aggregation = :aggregation"
        + " AND window_start_ms >= :hint" + (closed ? " AND is_final = 1" : "") + ")";
  }

  private Instant locate(String aggregation, Map<String, Long> known, String condition) {
    Long hint = known.get(aggregation);
    Long found = hint == null ? null : maxStart(aggregation, hint, condition);
    if (found == null) {
      found = maxStart(aggregation, null, condition);
    }
    if (found == null) {
      known.remove(aggregation);
      return null;
    }
    known.put(aggregation, found);
    return Instant.ofEpochMilli(found);
  }

  /** The newest start at or after {@code from} (null: anywhere); null when there is no such row. */
  private Long maxStart(String aggregation, Long from, String condition) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", aggregation);
    String range = "";
    if (from != null) {
      range = " AND window_start_ms >= :from";
      params.put("from", from);
    }
    List<JsonNode> rows = clickHouse.query("""
        SELECT max(window_start_ms) AS s, count() AS n FROM window_aggregates
        WHERE aggregation = :aggregation""" + range + condition, params);
    return rows.isEmpty() || rows.get(0).get("n").asLong() == 0 ? null : rows.get(0).get("s").asLong();
  }
}

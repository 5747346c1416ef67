package io.pulse.query.window;

import io.pulse.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the newest window of an aggregation, and the newest closed one, from the
 * {@code aggregation_progress} materialized view (infra/clickhouse/V004): ClickHouse maintains
 * both maxima on every insert, so a lookup reads one small row instead of every row of the
 * aggregation (is_final is not in window_aggregates' sorting key).
 */
@Component
public class WindowLocator {

  private final ClickHouse clickHouse;

  WindowLocator(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** Start of the newest window with any row, provisional or final; null when there is none. */
  public Instant latestStart(String aggregation) {
    return locate(aggregation, false);
  }

  /** Start of the newest window whose rows are final (closed: end + grace passed); null if none. */
  public Instant latestClosedStart(String aggregation) {
    return locate(aggregation, true);
  }

  /**
   * SQL for the newest (closed) start of {@code :aggregation} as a scalar subquery, so a read can
   * find its window and rank it in one round trip. Yields 0 when the aggregation has no rows.
   */
  public static String newestStartSubquery(boolean closed) {
    return "(SELECT maxMerge(" + column(closed) + ") FROM aggregation_progress WHERE aggregation = :aggregation)";
  }

  /** SQL for the watermark of {@code :aggregation} (stream time minus grace) as a scalar subquery; 0 without rows. */
  public static String watermarkSubquery() {
    return "(SELECT maxMerge(watermark) FROM aggregation_progress WHERE aggregation = :aggregation)";
  }

  private Instant locate(String aggregation, boolean closed) {
    List<JsonNode> rows = clickHouse.query("SELECT " + newestStartSubquery(closed) + " AS s",
        Map.of("aggregation", aggregation));
    long start = rows.isEmpty() ? 0 : rows.get(0).get("s").asLong();
    return start > 0 ? Instant.ofEpochMilli(start) : null;
  }

  private static String column(boolean closed) {
    return closed ? "newest_closed_start" : "newest_start";
  }
}

package io.pulse.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The active partitions of a table partitioned by the month ({@code toYYYYMM}) or the day
 * ({@code toYYYYMMDD}) of a time column, each with the span of time it covers, from
 * {@code system.parts}: no data is read. A partition id is the month or day in the server's time
 * zone, so the spans are computed in that zone. Ids of any other shape are left out with a warning.
 */
public final class TimePartitions {

  private static final Logger log = LoggerFactory.getLogger(TimePartitions.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /**
   * One partition: its id (for {@code DROP PARTITION ID}), the time it covers, {@code [start, end)},
   * and how many rows its active parts hold (before ReplacingMergeTree collapses duplicates).
   */
  public record Partition(String id, Instant start, Instant end, long rows) {

    /** Every row of this partition is older than {@code cutoff}. */
    public boolean endsBy(Instant cutoff) {
      return !end.isAfter(cutoff);
    }
  }

  private final ClickHouse clickHouse;

  public TimePartitions(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** The table's partitions, oldest first. */
  public List<Partition> of(String table) {
    List<JsonNode> rows = clickHouse.query("""
        SELECT partition_id AS id, sum(rows) AS row_count, timezone() AS zone
        FROM system.parts
        WHERE database = currentDatabase() AND table = :table AND active
        GROUP BY partition_id""", Map.of("table", table));
    List<Partition> partitions = new ArrayList<>();
    for (JsonNode row : rows) {
      String id = row.get("id").asString();
      ZoneId zone = ZoneId.of(row.get("zone").asString());
      long rowCount = Long.parseLong(row.get("row_count").asString());
      Partition partition = span(id, zone, rowCount);
      if (partition == null) {
        log.warn("Partition '{}' of {} is neither a month (YYYYMM) nor a day (YYYYMMDD); retention leaves it alone", id, table);
      } else {
        partitions.add(partition);
      }
    }
    partitions.sort(Comparator.comparing(Partition::start));
    return partitions;
  }

  /** The span of a partition id, or null when the id is not a month or a day. */
  static Partition span(String id, ZoneId zone, long rows) {
    try {
      if (id.matches("\\d{6}")) {
        LocalDate first = LocalDate.parse(id + "01", DAY);
        return new Partition(id, first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant(), rows);
      }
      if (id.matches("\\d{8}")) {
        LocalDate day = LocalDate.parse(id, DAY);
        return new Partition(id, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(), rows);
      }
    } catch (DateTimeParseException e) {
      log.debug("'{}' looks like a date but is none", id, e);
    }
    return null;
  }
}

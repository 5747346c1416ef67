package io.pulse.clickhouse;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long ClickHouse keeps the tables that grow with traffic, under {@code pulse.retention}. The
 * aggregator (which writes them) drops partitions that lie wholly before their retention; the query
 * API reports the window retention as each aggregation's reach. One key set for both services: set
 * it the same on both (env {@code PULSE_RETENTION_*}).
 *
 * <p>Partitions are months (the tables' existing PARTITION BY), so a table holds between its
 * retention and its retention plus one month: a month goes once all of it is older than the retention.
 *
 * @param enabled          drop expired partitions at all (false: the tables grow forever and the query
 *                         API reports no retention)
 * @param events           raw events (table {@code events}), by event time
 * @param windowAggregates window rows (table {@code window_aggregates}), by window start
 * @param lateEvents       events recorded as late (table {@code late_events}), by event time
 * @param interval         how often the aggregator looks for expired partitions
 */
@Validated
@ConfigurationProperties("pulse.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration events,
    @DefaultValue("90d") @NotNull @DurationMin(hours = 1) Duration windowAggregates,
    @DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration lateEvents,
    @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration interval) {

  /** The defaults, as a service without any {@code pulse.retention} setting has them. */
  public static RetentionProperties defaults() {
    return new RetentionProperties(true, Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(30), Duration.ofHours(1));
  }

  /** A retention as ISO-8601, whole days as days ({@code P90D}, as configured) rather than java.time's hours (PT2160H). */
  public static String iso(Duration retention) {
    long day = Duration.ofDays(1).toSeconds();
    boolean wholeDays = retention.getNano() == 0 && retention.getSeconds() % day == 0;
    return wholeDays ? "P" + retention.getSeconds() / day + "D" : retention.toString();
  }

  /** Each retained table with its retention. */
  public Map<String, Duration> byTable() {
    Map<String, Duration> tables = new LinkedHashMap<>();
    tables.put("events", events);
    tables.put("window_aggregates", windowAggregates);
    tables.put("late_events", lateEvents);
    return tables;
  }
}

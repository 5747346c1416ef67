package io.pulse.aggregator.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.RetentionProperties;
import io.pulse.clickhouse.TimePartitions;
import io.pulse.clickhouse.TimePartitions.Partition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drops every partition of events, window_aggregates and late_events whose whole span lies before
 * now minus the table's retention ({@code pulse.retention}). A partition drop is the one way to
 * delete that ClickHouse 18.16 and current releases share and that costs no rewrite (18.16 has no
 * TTL); the tables are partitioned by month, so the partition that still holds a row inside the
 * retention stays whole. Dropping a partition that is gone already changes nothing, so several
 * aggregator instances may enforce at once.
 */
@Component
class RetentionEnforcer {

  private static final Logger log = LoggerFactory.getLogger(RetentionEnforcer.class);

  /** A partition this enforcer dropped. */
  record Dropped(String table, Partition partition) {}

  private final ClickHouse clickHouse;
  private final TimePartitions partitions;
  private final Map<String, Duration> retention;
  private final Map<String, Counter> dropped = new LinkedHashMap<>();

  RetentionEnforcer(ClickHouse clickHouse, TimePartitions partitions, RetentionProperties properties, MeterRegistry registry) {
    this.clickHouse = clickHouse;
    this.partitions = partitions;
    this.retention = properties.byTable();
    retention.keySet().forEach(table -> dropped.put(table, Counter.builder("pulse.retention.dropped.partitions")
        .description("ClickHouse partitions dropped because all of their rows were past the table's retention")
        .tag("table", table)
        .register(registry)));
  }

  /** Drops what {@code now} makes due, table by table; returns what it dropped. */
  List<Dropped> enforce(Instant now) {
    List<Dropped> done = new ArrayList<>();
    retention.forEach((table, keep) -> {
      Instant cutoff = now.minus(keep);
      for (Partition partition : partitions.of(table)) {
        if (partition.endsBy(cutoff)) {
          drop(table, partition, keep);
          done.add(new Dropped(table, partition));
        }
      }
    });
    return done;
  }

  private void drop(String table, Partition partition, Duration keep) {
    clickHouse.execute("ALTER TABLE " + table + " DROP PARTITION ID :id", Map.of("id", partition.id()));
    dropped.get(table).increment();
    log.info("Retention: dropped partition {} of {} ({} rows, {} .. {}), older than its retention {}",
        partition.id(), table, partition.rows(), partition.start(), partition.end(), RetentionProperties.iso(keep));
  }
}

package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.clickhouse.ClickHouse;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Inserts a batch of records into one ClickHouse table as JSONEachRow, timed and sized per table. */
final class TableWriter<T> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ClickHouse clickHouse;
  private final String table;
  private final Function<T, byte[]> toRow;
  private final DistributionSummary batchSize;
  private final Timer insertLatency;

  /** A writer of records mapped to rows. */
  static <T> TableWriter<T> mapping(ClickHouse clickHouse, MeterRegistry registry, String table, Function<T, ObjectNode> toRow) {
    return new TableWriter<>(clickHouse, registry, table, toRow.andThen(JSON::writeValueAsBytes));
  }

  /** A writer of records that are JSONEachRow lines of the table already. */
  static TableWriter<byte[]> ofRows(ClickHouse clickHouse, MeterRegistry registry, String table) {
    return new TableWriter<>(clickHouse, registry, table, Function.identity());
  }

  private TableWriter(ClickHouse clickHouse, MeterRegistry registry, String table, Function<T, byte[]> toRow) {
    this.clickHouse = clickHouse;
    this.table = table;
    this.toRow = toRow;
    this.batchSize = DistributionSummary.builder("pulse.sink.batch.size").tag("table", table)
        .description("rows per ClickHouse insert").register(registry);
    this.insertLatency = Timer.builder("pulse.sink.insert.latency").tag("table", table)
        .description("ClickHouse insert time").register(registry);
  }

  void write(List<T> records) {
    if (records.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(records.size() * 256);
    for (T record : records) {
      body.writeBytes(toRow.apply(record));
      body.write('\n');
    }
    byte[] rows = body.toByteArray();
    insertLatency.record(() -> clickHouse.insertJsonEachRow(table, rows));
    batchSize.record(records.size());
  }

  static ObjectNode row() {
    return JSON.createObjectNode();
  }
}

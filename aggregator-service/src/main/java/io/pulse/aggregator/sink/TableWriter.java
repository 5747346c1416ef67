package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.core.JsonGenerator;

/** Inserts a batch of records into one ClickHouse table as JSONEachRow, timed and sized per table. */
final class TableWriter<T> {

  private final ClickHouse clickHouse;
  private final String table;
  private final BiConsumer<T, ByteArrayOutputStream> toRow;
  private final DistributionSummary batchSize;
  private final Timer insertLatency;

  /** A writer of records whose fields {@code toRow} writes as the row's columns. */
  static <T> TableWriter<T> mapping(ClickHouse clickHouse, MeterRegistry registry, String table,
      BiConsumer<T, JsonGenerator> toRow) {
    return new TableWriter<>(clickHouse, registry, table, (record, out) -> {
      try (JsonGenerator row = Json.MAPPER.createGenerator(out)) {
        row.writeStartObject();
        toRow.accept(record, row);
        row.writeEndObject();
      }
    });
  }

  /** A writer of records that are JSONEachRow lines of the table already. */
  static TableWriter<byte[]> ofRows(ClickHouse clickHouse, MeterRegistry registry, String table) {
    return new TableWriter<>(clickHouse, registry, table, (row, out) -> out.writeBytes(row));
  }

  private TableWriter(ClickHouse clickHouse, MeterRegistry registry, String table, BiConsumer<T, ByteArrayOutputStream> toRow) {
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
      toRow.accept(record, body);
      body.write('\n');
    }
    byte[] rows = body.toByteArray();
    insertLatency.record(() -> clickHouse.insertJsonEachRow(table, rows));
    batchSize.record(records.size());
  }
}

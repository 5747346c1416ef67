package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.clickhouse.RowBinary;
import io.pulse.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * Inserts a batch of records into one ClickHouse table, timed and sized per table: in RowBinary
 * (the tables written per event) or JSONEachRow (late events, few and with free-text reasons).
 */
final class TableWriter<T> {

  private final String table;
  private final BiConsumer<T, ByteArrayOutputStream> toRow;
  private final Consumer<byte[]> insert;
  private final DistributionSummary batchSize;
  private final Timer insertLatency;

  /** Rows in RowBinary: {@code toRow} writes each record's {@code columns}, in that order. */
  static <T> TableWriter<T> rowBinary(ClickHouse clickHouse, MeterRegistry registry, String table, List<String> columns,
      BiConsumer<T, RowBinary.Writer> toRow) {
    return new TableWriter<>(registry, table, (record, out) -> toRow.accept(record, new RowBinary.Writer(out)),
        rows -> clickHouse.insertRowBinary(table, columns, rows));
  }

  /** Records that are RowBinary rows of {@code columns} already. */
  static TableWriter<byte[]> ofRowBinaryRows(ClickHouse clickHouse, MeterRegistry registry, String table,
      List<String> columns) {
    return new TableWriter<>(registry, table, (row, out) -> out.writeBytes(row),
        rows -> clickHouse.insertRowBinary(table, columns, rows));
  }

  /** Rows in JSONEachRow: {@code toRow} writes each record's fields as the row's columns. */
  static <T> TableWriter<T> json(ClickHouse clickHouse, MeterRegistry registry, String table,
      BiConsumer<T, JsonGenerator> toRow) {
    return new TableWriter<>(registry, table, (record, out) -> {
      try (JsonGenerator row = Json.MAPPER.createGenerator(out)) {
        row.writeStartObject();
        toRow.accept(record, row);
        row.writeEndObject();
      }
      out.write('\n');
    }, rows -> clickHouse.insertJsonEachRow(table, rows));
  }

  private TableWriter(MeterRegistry registry, String table, BiConsumer<T, ByteArrayOutputStream> toRow,
      Consumer<byte[]> insert) {
    this.table = table;
    this.toRow = toRow;
    this.insert = insert;
    this.batchSize = DistributionSummary.builder("pulse.sink.batch.size").tag("table", table)
        .description("rows per ClickHouse insert").register(registry);
    this.insertLatency = Timer.builder("pulse.sink.insert.latency").tag("table", table)
        .description("ClickHouse insert time").register(registry);
  }

  void write(List<T> records) {
    if (records.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(records.size() * 160);
    for (T record : records) {
      toRow.accept(record, body);
    }
    byte[] rows = body.toByteArray();
    insertLatency.record(() -> insert.accept(rows));
    batchSize.record(records.size());
  }

  @Override
  public String toString() {
    return "TableWriter[" + table + "]";
  }
}

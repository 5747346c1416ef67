package io.pulse.aggregator.sink;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.clickhouse.RowBinary;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** How each record becomes a row of its table (columns as in infra/clickhouse), written field by field. */
final class Rows {

  /** The columns of window_aggregates a row holds, in the order {@link #windowAggregate} writes them. */
  static final List<String> WINDOW_AGGREGATE_COLUMNS = List.of("aggregation", "window_start_ms", "window_end_ms",
      "group_key", "type", "country", "plan", "event_count", "value", "revision", "is_final", "retracted",
      "watermark_ms", "emitted_at_ms", "amended", "late_count", "valued", "sketch");

  private Rows() {}

  static void windowAggregate(WindowResult r, RowBinary.Writer row) {
    row.string(r.aggregation())
        .int64(r.windowStart().toEpochMilli())
        .int64(r.windowEnd().toEpochMilli())
        .string(r.groupKey())
        .string(r.type())
        .string(r.country())
        .string(r.plan())
        .uint64(r.count())
        .float64(r.value())
        .uint64(r.revision())
        .uint8(r.isFinal())
        .uint8(r.retracted())
        .int64(r.watermark().toEpochMilli())
        .int64(r.emittedAt().toEpochMilli())
        .uint8(r.amended())
        .uint64(r.lateCount())
        .uint64(r.valued())
        .string(r.sketch());
  }

  static void lateEvent(LateEvent late, long recordedAt, JsonGenerator row) {
    row.writeStringProperty("aggregation", late.aggregation());
    row.writeStringProperty("event_id", late.eventId());
    row.writeNumberProperty("event_time_ms", late.eventTime().toEpochMilli());
    row.writeNumberProperty("watermark_ms", late.watermark().toEpochMilli());
    row.writeStringProperty("reason", late.reason());
    row.writeNumberProperty("recorded_at_ms", recordedAt);
  }
}

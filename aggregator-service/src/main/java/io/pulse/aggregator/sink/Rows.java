package io.pulse.aggregator.sink;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import tools.jackson.core.JsonGenerator;

/** How each record becomes a row of its table (column names as in infra/clickhouse), written field by field. */
final class Rows {

  private Rows() {}

  static void windowAggregate(WindowResult r, JsonGenerator row) {
    row.writeStringProperty("aggregation", r.aggregation());
    row.writeNumberProperty("window_start_ms", r.windowStart().toEpochMilli());
    row.writeNumberProperty("window_end_ms", r.windowEnd().toEpochMilli());
    row.writeStringProperty("group_key", r.groupKey());
    row.writeStringProperty("type", r.type());
    row.writeStringProperty("country", r.country());
    row.writeStringProperty("plan", r.plan());
    row.writeNumberProperty("event_count", r.count());
    row.writeNumberProperty("value", r.value());
    row.writeNumberProperty("revision", r.revision());
    row.writeNumberProperty("is_final", r.isFinal() ? 1 : 0);
    row.writeNumberProperty("retracted", r.retracted() ? 1 : 0);
    row.writeNumberProperty("watermark_ms", r.watermark().toEpochMilli());
    row.writeNumberProperty("emitted_at_ms", r.emittedAt().toEpochMilli());
    row.writeNumberProperty("amended", r.amended() ? 1 : 0);
    row.writeNumberProperty("late_count", r.lateCount());
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

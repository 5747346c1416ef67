package io.pulse.aggregator.sink;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import tools.jackson.databind.node.ObjectNode;

/** How each record becomes a row of its table (column names as in infra/clickhouse). */
final class Rows {

  private Rows() {}

  static ObjectNode windowAggregate(WindowResult r) {
    return TableWriter.row()
        .put("aggregation", r.aggregation())
        .put("window_start_ms", r.windowStart().toEpochMilli())
        .put("window_end_ms", r.windowEnd().toEpochMilli())
        .put("group_key", r.groupKey())
        .put("type", r.type())
        .put("country", r.country())
        .put("plan", r.plan())
        .put("event_count", r.count())
        .put("value", r.value())
        .put("revision", r.revision())
        .put("is_final", r.isFinal() ? 1 : 0)
        .put("retracted", r.retracted() ? 1 : 0)
        .put("watermark_ms", r.watermark().toEpochMilli())
        .put("emitted_at_ms", r.emittedAt().toEpochMilli())
        .put("amended", r.amended() ? 1 : 0)
        .put("late_count", r.lateCount());
  }

  static ObjectNode lateEvent(LateEvent late, long recordedAt) {
    return TableWriter.row()
        .put("aggregation", late.aggregation())
        .put("event_id", late.eventId())
        .put("event_time_ms", late.eventTime().toEpochMilli())
        .put("watermark_ms", late.watermark().toEpochMilli())
        .put("reason", late.reason())
        .put("recorded_at_ms", recordedAt);
  }
}

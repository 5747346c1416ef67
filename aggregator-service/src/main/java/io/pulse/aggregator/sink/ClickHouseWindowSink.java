package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes window rows to ClickHouse in batches. Offsets are committed only after the insert
 * succeeded, so a crash re-delivers rows; ReplacingMergeTree(revision) makes that harmless.
 */
@Component
class ClickHouseWindowSink {

  static final String TABLE = "window_aggregates";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ClickHouse clickHouse;
  private final DistributionSummary batchSize;
  private final Timer insertLatency;

  ClickHouseWindowSink(ClickHouse clickHouse, MeterRegistry registry) {
    this.clickHouse = clickHouse;
    this.batchSize = DistributionSummary.builder("pulse.sink.batch.size").description("rows per ClickHouse insert").register(registry);
    this.insertLatency = Timer.builder("pulse.sink.insert.latency").description("ClickHouse insert time").register(registry);
  }

  @KafkaListener(id = "window-sink", topics = "#{T(io.pulse.contracts.topic.Topics).WINDOW_RESULTS.name()}",
      containerFactory = SinkKafkaConfig.CONTAINER_FACTORY, batch = "true")
  void write(List<WindowResult> rows) {
    if (rows.isEmpty()) {
      return;
    }
    byte[] body = toJsonEachRow(rows);
    insertLatency.record(() -> clickHouse.insertJsonEachRow(TABLE, body));
    batchSize.record(rows.size());
  }

  static byte[] toJsonEachRow(List<WindowResult> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
    for (WindowResult row : rows) {
      ObjectNode json = JSON.createObjectNode()
          .put("aggregation", row.aggregation())
          .put("window_start_ms", row.windowStart().toEpochMilli())
          .put("window_end_ms", row.windowEnd().toEpochMilli())
          .put("group_key", row.groupKey())
          .put("type", row.type())
          .put("country", row.country())
          .put("plan", row.plan())
          .put("event_count", row.count())
          .put("value", row.value())
          .put("revision", row.revision())
          .put("is_final", row.isFinal() ? 1 : 0)
          .put("retracted", row.retracted() ? 1 : 0)
          .put("emitted_at_ms", row.emittedAt().toEpochMilli());
      out.writeBytes(JSON.writeValueAsBytes(json));
      out.write('\n');
    }
    return out.toByteArray();
  }
}

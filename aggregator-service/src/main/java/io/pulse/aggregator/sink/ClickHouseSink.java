package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.topic.TopicSpec;
import io.pulse.contracts.topic.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Moves the topology's outputs into ClickHouse in batches. Offsets are committed only after an
 * insert succeeded, so a crash re-delivers rows; every table collapses re-delivered rows
 * (ReplacingMergeTree: by revision for windows, by eventId for events).
 */
@Component
class ClickHouseSink {

  private final TableWriter<WindowResult> windows;
  private final TableWriter<EnrichedEvent> events;
  private final TableWriter<LateEvent> lateEvents;

  ClickHouseSink(ClickHouse clickHouse, MeterRegistry registry) {
    this.windows = new TableWriter<>(clickHouse, registry, "window_aggregates", Rows::windowAggregate);
    this.events = new TableWriter<>(clickHouse, registry, "events", Rows::event);
    this.lateEvents = new TableWriter<>(clickHouse, registry, "late_events",
        late -> Rows.lateEvent(late, System.currentTimeMillis()));
  }

  @KafkaListener(id = "sink-window-results", topics = "window-results", containerFactory = SinkKafkaConfig.CONTAINER_FACTORY)
  void windowResults(List<ConsumerRecord<String, byte[]>> batch) {
    windows.write(values(Topics.WINDOW_RESULTS, batch));
  }

  @KafkaListener(id = "sink-events", topics = "events-enriched", containerFactory = SinkKafkaConfig.CONTAINER_FACTORY)
  void enrichedEvents(List<ConsumerRecord<String, byte[]>> batch) {
    events.write(values(Topics.EVENTS_ENRICHED, batch));
  }

  @KafkaListener(id = "sink-late-events", topics = "events-late", containerFactory = SinkKafkaConfig.CONTAINER_FACTORY)
  void lateEvents(List<ConsumerRecord<String, byte[]>> batch) {
    lateEvents.write(values(Topics.EVENTS_LATE, batch));
  }

  private static <V> List<V> values(TopicSpec<String, V> topic, List<ConsumerRecord<String, byte[]>> batch) {
    return batch.stream().map(r -> topic.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
  }
}

package io.pulse.aggregator.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops events whose eventId was already seen within the horizon (event time). Events are keyed by
 * userId, so every copy of an event lands on the same partition and meets the same store. The
 * store is a window store: ids older than the horizon expire with its segments.
 */
class DeduplicateEvents implements FixedKeyProcessor<String, ParsedEvent, ParsedEvent> {

  private final String storeName;
  private final long horizonMillis;
  private final Runnable onDuplicate;
  private FixedKeyProcessorContext<String, ParsedEvent> context;
  private WindowStore<String, Long> seen;

  DeduplicateEvents(String storeName, Duration horizon, Runnable onDuplicate) {
    this.storeName = storeName;
    this.horizonMillis = horizon.toMillis();
    this.onDuplicate = onDuplicate;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ParsedEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, ParsedEvent> record) {
    String eventId = record.value().event().eventId();
    long time = record.timestamp();
    try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, time - horizonMillis, time + horizonMillis)) {
      if (earlier.hasNext()) {
        onDuplicate.run();
        return;
      }
    }
    seen.put(eventId, time, time);
    context.forward(record);
  }
}

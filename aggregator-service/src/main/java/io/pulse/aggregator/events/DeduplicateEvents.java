package io.pulse.aggregator.events;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops events whose eventId was already seen within the horizon (event time). Events are keyed by
 * userId, so every copy of an event lands on the same partition and meets the same store. The
 * store is a window store: ids older than the horizon expire with its segments. It keeps the offset
 * each id was first read at: meeting that same offset again is not a duplicate but at-least-once
 * replaying the records after the last commit, and the record goes on (the window values recognise
 * it by its position and do not count it twice; dropping it here could lose it, because its
 * downstream records may not have reached Kafka before the crash).
 */
public class DeduplicateEvents implements FixedKeyProcessor<String, ParsedEvent, ParsedEvent> {

  private final String storeName;
  private final long horizonMillis;
  private final Runnable onDuplicate;
  private FixedKeyProcessorContext<String, ParsedEvent> context;
  private WindowStore<String, Long> seen;

  public DeduplicateEvents(String storeName, Duration horizon, Runnable onDuplicate) {
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
    SourcePosition source = record.value().source();
    long time = record.timestamp();
    try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, time - horizonMillis, time + horizonMillis)) {
      if (earlier.hasNext()) {
        if (!source.known() || earlier.next().value != source.offset()) {
          onDuplicate.run();
          return;
        }
        context.forward(record); // the same record, replayed
        return;
      }
    }
    seen.put(eventId, source.offset(), time);
    context.forward(record);
  }
}

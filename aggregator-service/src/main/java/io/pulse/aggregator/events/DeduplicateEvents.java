package io.pulse.aggregator.events;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.RocksDbWindowBytesStoreSupplier;
import org.apache.kafka.streams.state.internals.RocksDbWindowBytesStoreSupplier.WindowStoreTypes;

/**
 * Drops events whose eventId was already seen within the horizon (event time). Events are keyed by
 * userId, so every copy of an event lands on the same partition and meets the same store. The
 * store is a window store: ids older than the horizon expire with its segments. An id is stored at
 * the start of its horizon-long bucket, so a lookup is three point reads (its bucket and the two
 * beside it: every time within one horizon) instead of a range scan over segments, which cost 15 %
 * of the aggregator's CPU (docs/benchmark.md). It keeps the offset
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

  /**
   * Kept three horizons: a bucket's ids stay readable while events up to a horizon behind the newest
   * one may still look them up. One segment (a RocksDB instance) per bucket: with Kafka Streams'
   * default, segments of half the retention, one bucket in three shares its segment with the next
   * bucket, and every lookup of the newer neighbour read the current segment's files a second time;
   * with a segment per bucket that lookup finds no segment until the next bucket begins.
   */
  public static StoreBuilder<WindowStore<String, Long>> store(String name, Duration horizon) {
    long bucket = horizon.toMillis();
    return Stores.windowStoreBuilder(
        new RocksDbWindowBytesStoreSupplier(name, 3 * bucket, bucket, bucket, false, WindowStoreTypes.DEFAULT_WINDOW_STORE),
        Serdes.String(), Serdes.Long());
  }

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
    long bucket = record.timestamp() - Math.floorMod(record.timestamp(), horizonMillis);
    Long firstReadAt = firstReadAt(eventId, bucket);
    if (firstReadAt == null) {
      seen.put(eventId, source.offset(), bucket);
    } else if (!source.known() || firstReadAt != source.offset()) {
      onDuplicate.run();
      return;
    } // else: the same record, replayed
    context.forward(record);
  }

  /** Where the id was first read, if it was seen in this bucket (a resent event: the same time) or the two beside it. */
  private Long firstReadAt(String eventId, long bucket) {
    Long offset = seen.fetch(eventId, bucket);
    offset = offset != null ? offset : seen.fetch(eventId, bucket - horizonMillis);
    return offset != null ? offset : seen.fetch(eventId, bucket + horizonMillis);
  }
}

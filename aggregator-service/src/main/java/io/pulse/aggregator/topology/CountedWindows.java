package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Whether a window of the key that contains the event time already counts the event at a source
 * position, read from the windowed aggregate's store. {@link DropCountedReplays} asks this of every
 * late event: after a crash, stream time can be restored ahead of the replayed records, and an
 * event that was on time (and counted) at first must not now be reported late as well.
 */
@FunctionalInterface
interface CountedWindows {

  boolean counts(String key, long eventTime, SourcePosition source);

  static CountedWindows of(ProcessingContext context, AggregationDefinition definition) {
    String store = Windowing.storeName(definition);
    if (definition.window().type() == WindowType.SESSION) {
      SessionStore<String, WindowAccumulator> sessions = context.getStateStore(store);
      return (key, eventTime, source) -> {
        try (KeyValueIterator<Windowed<String>, WindowAccumulator> containing = sessions.findSessions(key, eventTime, eventTime)) {
          while (containing.hasNext()) {
            if (containing.next().value.counted().includes(source)) {
              return true;
            }
          }
          return false;
        }
      };
    }
    TimestampedWindowStore<String, WindowAccumulator> windows = context.getStateStore(store);
    long size = definition.window().size().toMillis();
    // Time windows are [start, start + size); Kafka Streams' sliding windows include their end.
    long lookBack = definition.window().type() == WindowType.SLIDING ? size : size - 1;
    return (key, eventTime, source) -> {
      try (WindowStoreIterator<ValueAndTimestamp<WindowAccumulator>> containing =
          windows.fetch(key, eventTime - lookBack, eventTime)) {
        while (containing.hasNext()) {
          if (containing.next().value.value().counted().includes(source)) {
            return true;
          }
        }
        return false;
      }
    };
  }
}

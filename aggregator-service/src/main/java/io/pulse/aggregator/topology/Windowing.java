package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.Measure;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Maps a declared window (type, size, advance, gap, grace) onto Kafka Streams' windows. The store
 * cache is off: every change goes straight to the {@link WindowFinalizer}, which owns emission, so a
 * window can never be declared final while a newer value of it still sits in a cache.
 */
final class Windowing {

  private Windowing() {}

  static KTable<Windowed<String>, WindowAccumulator> aggregate(
      KGroupedStream<String, SourcedEvent> grouped, AggregationDefinition definition, Serde<WindowAccumulator> serde) {
    WindowSpec window = definition.window();
    Measure measure = definition.measure();
    String store = storeName(definition);
    return switch (window.type()) {
      case TUMBLING -> grouped
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
              windowStore(store, serde, retention(window.size(), definition)));
      case HOPPING -> grouped
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), definition.grace()).advanceBy(window.advance()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
              windowStore(store, serde, retention(window.size(), definition)));
      case SLIDING -> grouped
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(window.size(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
              windowStore(store, serde, retention(window.size(), definition)));
      case SESSION -> grouped
          .windowedBy(SessionWindows.ofInactivityGapAndGrace(window.gap(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
              (key, left, right) -> left.merge(right), sessionStore(store, serde, retention(window.gap(), definition)));
    };
  }

  /** The store holding the aggregation's window values; the finalizer reads final values from it. */
  static String storeName(AggregationDefinition definition) {
    return definition.name() + "-windows";
  }

  /**
   * How long a window stays in its store: Kafka Streams' default (size or gap + grace) drops a
   * window the moment it closes, but the finalizer reads the final value from the store at its
   * next tick, and while a backlog is worked off stream time can run well past a window's close
   * before that tick. The margin (an hour, or the window size if longer) covers catching up at
   * thousands of times real time.
   */
  static Duration retention(Duration sizeOrGap, AggregationDefinition definition) {
    Duration margin = sizeOrGap.compareTo(FINALIZE_MARGIN) > 0 ? sizeOrGap : FINALIZE_MARGIN;
    return sizeOrGap.plus(definition.grace()).plus(margin);
  }

  private static final Duration FINALIZE_MARGIN = Duration.ofHours(1);

  private static Materialized<String, WindowAccumulator, WindowStore<Bytes, byte[]>> windowStore(
      String name, Serde<WindowAccumulator> serde, Duration retention) {
    return Materialized.<String, WindowAccumulator, WindowStore<Bytes, byte[]>>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(serde)
        .withRetention(retention)
        .withCachingDisabled();
  }

  private static Materialized<String, WindowAccumulator, SessionStore<Bytes, byte[]>> sessionStore(
      String name, Serde<WindowAccumulator> serde, Duration retention) {
    return Materialized.<String, WindowAccumulator, SessionStore<Bytes, byte[]>>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(serde)
        .withRetention(retention)
        .withCachingDisabled();
  }
}

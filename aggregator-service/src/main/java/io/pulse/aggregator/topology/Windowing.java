package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.EnrichedEvent;
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
      KGroupedStream<String, EnrichedEvent> grouped, AggregationDefinition definition, Serde<WindowAccumulator> serde) {
    WindowSpec window = definition.window();
    Measure measure = definition.measure();
    String store = definition.name() + "-windows";
    return switch (window.type()) {
      case TUMBLING -> grouped
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure), windowStore(store, serde));
      case HOPPING -> grouped
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), definition.grace()).advanceBy(window.advance()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure), windowStore(store, serde));
      case SLIDING -> grouped
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(window.size(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure), windowStore(store, serde));
      case SESSION -> grouped
          .windowedBy(SessionWindows.ofInactivityGapAndGrace(window.gap(), definition.grace()))
          .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
              (key, left, right) -> left.merge(right), sessionStore(store, serde));
    };
  }

  private static Materialized<String, WindowAccumulator, WindowStore<Bytes, byte[]>> windowStore(
      String name, Serde<WindowAccumulator> serde) {
    return Materialized.<String, WindowAccumulator, WindowStore<Bytes, byte[]>>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(serde)
        .withCachingDisabled();
  }

  private static Materialized<String, WindowAccumulator, SessionStore<Bytes, byte[]>> sessionStore(
      String name, Serde<WindowAccumulator> serde) {
    return Materialized.<String, WindowAccumulator, SessionStore<Bytes, byte[]>>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(serde)
        .withCachingDisabled();
  }
}

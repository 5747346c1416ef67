package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.Measure;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Maps a declared window (type, size, advance, gap, grace) onto Kafka Streams' windows and returns
 * the stream of window changes (a null value: a session merged away). Time windows are Kafka
 * Streams' own; sessions are computed by {@link SessionAggregator}, which orders its store writes
 * so that a crash under at-least-once cannot lose a session. The store cache is off: every change
 * goes straight to the {@link WindowFinalizer}, which owns emission, so a window can never be
 * declared final while a newer value of it still sits in a cache.
 */
final class Windowing {

  private Windowing() {}

  static KStream<Windowed<String>, WindowAccumulator> changes(KStream<String, SourcedEvent> events,
      AggregationDefinition definition, Serde<SourcedEvent> eventSerde, Serde<WindowAccumulator> serde) {
    WindowSpec window = definition.window();
    Duration grace = definition.grace();
    return switch (window.type()) {
      case TUMBLING -> aggregate(grouped(events, definition, eventSerde)
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), grace)), definition, serde);
      case HOPPING -> aggregate(grouped(events, definition, eventSerde)
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), grace).advanceBy(window.advance())), definition, serde);
      case SLIDING -> aggregate(grouped(events, definition, eventSerde)
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(window.size(), grace)), definition, serde);
      case SESSION -> events.process(sessionAggregator(definition, serde), Named.as(definition.name() + "-sessions"));
    };
  }

  private static KGroupedStream<String, SourcedEvent> grouped(KStream<String, SourcedEvent> events,
      AggregationDefinition definition, Serde<SourcedEvent> eventSerde) {
    return events.groupByKey(Grouped.with(definition.name() + "-grouped", Serdes.String(), eventSerde));
  }

  private static KStream<Windowed<String>, WindowAccumulator> aggregate(TimeWindowedKStream<String, SourcedEvent> windowed,
      AggregationDefinition definition, Serde<WindowAccumulator> serde) {
    Measure measure = definition.measure();
    return windowed
        .aggregate(() -> WindowAccumulator.EMPTY, (key, event, acc) -> acc.add(event, measure),
            windowStore(storeName(definition), serde, retention(definition.window().size(), definition)))
        .toStream(Named.as(definition.name() + "-changes"));
  }

  /** The session aggregator with its store, which it brings into the topology itself. */
  private static ProcessorSupplier<String, SourcedEvent, Windowed<String>, WindowAccumulator> sessionAggregator(
      AggregationDefinition definition, Serde<WindowAccumulator> serde) {
    StoreBuilder<SessionStore<String, WindowAccumulator>> store = Stores.sessionStoreBuilder(
        Stores.persistentSessionStore(storeName(definition), retention(definition.window().gap(), definition)),
        Serdes.String(), serde);
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, SourcedEvent, Windowed<String>, WindowAccumulator> get() {
        return new SessionAggregator(definition);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
      }
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
}

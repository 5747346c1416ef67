package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcedEvent;
import io.pulse.contracts.aggregation.AggregationDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Every aggregation of one dimension in one processor, reading and writing its own store: each
 * event is gated by the watermark, added to one slot of its group per aggregation it counts in,
 * and every {@code emitInterval} of wall-clock time the windows that closed leave as final rows
 * and the ones that changed as provisional rows ({@link WindowedAggregation}). For a pre-aggregated
 * dimension it runs in each source task over its own partition's events, and what leaves are that
 * partition's partials and stream time, for a {@link PartialMerger}.
 */
final class DimensionAggregator implements Processor<String, DimensionEvent, String, Emission> {

  private final Dimension dimension;
  private final Duration emitInterval;
  private final long idleTimeout;
  private final Map<String, WindowedAggregation> aggregations = new LinkedHashMap<>();
  private ProcessorContext<String, Emission> context;
  private CommitWhenIdle commits;
  /** Pre-aggregated dimension: this source partition's one clock, shared by its aggregations; else one per aggregation. */
  private StreamClock partitionClock;
  private int partition;
  private final List<WindowPartials> partials = new ArrayList<>();
  private long published = StreamClock.UNKNOWN;
  private long publishedAt;

  DimensionAggregator(Dimension dimension, Duration emitInterval, Duration idleTimeout) {
    this.dimension = dimension;
    this.emitInterval = emitInterval;
    this.idleTimeout = idleTimeout.toMillis();
  }

  /** Over a dimension's shuffle: its slim events, keyed by the dimension's value. */
  static ProcessorSupplier<String, DimensionEvent, String, Emission> shuffled(Dimension dimension, Duration emitInterval,
      Duration idleTimeout) {
    return supplier(dimension, () -> new DimensionAggregator(dimension, emitInterval, idleTimeout));
  }

  /**
   * Over the enriched events themselves, for a dimension counted where they are: it picks the events
   * its aggregations count. One node instead of a filter and a map before it, each of which would
   * create a record per event (with a copy of its headers).
   */
  static ProcessorSupplier<String, SourcedEvent, String, Emission> local(Dimension dimension, Duration emitInterval,
      Duration idleTimeout) {
    return supplier(dimension, () -> new Local(new DimensionAggregator(dimension, emitInterval, idleTimeout)));
  }

  private static <V> ProcessorSupplier<String, V, String, Emission> supplier(Dimension dimension,
      Supplier<Processor<String, V, String, Emission>> processor) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, V, String, Emission> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return dimension.stores();
      }
    };
  }

  private record Local(DimensionAggregator aggregator) implements Processor<String, SourcedEvent, String, Emission> {

    @Override
    public void init(ProcessorContext<String, Emission> context) {
      aggregator.init(context);
    }

    @Override
    public void process(Record<String, SourcedEvent> record) {
      aggregator.commits.received();
      String value = aggregator.dimension.countedValue(record.value().event());
      if (value != null) {
        aggregator.add(value, DimensionEvent.of(record.value(), aggregator.dimension), record.timestamp());
      }
    }
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    this.context = context;
    this.commits = new CommitWhenIdle(context);
    KeyValueStore<String, GroupState> store = context.getStateStore(dimension.groupStore());
    KeyValueStore<String, Long> clocks = context.getStateStore(dimension.clockStore());
    if (dimension.preAggregated()) {
      partitionClock = new StreamClock(clocks, "partition");
      partition = context.taskId().partition();
    }
    for (int i = 0; i < dimension.aggregations().size(); i++) {
      AggregationDefinition definition = dimension.aggregations().get(i);
      WindowOutput output = dimension.preAggregated()
          ? new WindowPartials(i, partition, context)
          : new WindowRows(definition, context);
      if (output instanceof WindowPartials sent) {
        partials.add(sent);
      }
      aggregations.put(definition.name(), new WindowedAggregation(definition, i, context, store,
          partitionClock != null ? partitionClock : new StreamClock(clocks, definition.name()), output));
    }
    try (KeyValueIterator<String, GroupState> all = store.all()) {
      all.forEachRemaining(entry -> {
        WindowedAggregation aggregation = aggregations.get(GroupKey.aggregationOf(entry.key));
        if (aggregation != null) {
          aggregation.restore(entry.key, entry.value);
        }
      });
    }
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, DimensionEvent> record) {
    commits.received();
    add(record.key(), record.value(), record.timestamp());
  }

  private void add(String dimensionValue, DimensionEvent event, long eventTime) {
    if (partitionClock != null) {
      partitionClock.observe(eventTime, context.currentSystemTimeMs());
    }
    for (WindowedAggregation aggregation : aggregations.values()) {
      if (aggregation.counts(event)) {
        aggregation.process(dimensionValue, event, eventTime);
      }
    }
  }

  private void tick(long now) {
    commits.tick();
    if (partitionClock == null) {
      for (WindowedAggregation aggregation : aggregations.values()) {
        aggregation.tick(aggregation.clock().tick(now, idleTimeout, false));
      }
      return;
    }
    long streamTime = partitionClock.tick(now, idleTimeout, true);
    for (WindowedAggregation aggregation : aggregations.values()) {
      aggregation.tick(streamTime);
    }
    boolean sent = false;
    for (WindowPartials output : partials) {
      sent |= output.takeSent();
    }
    // After this tick's partials, on the same partitions: whoever adds partitions up has them all when
    // it reads this. An idle partition's wall-clock advance is sent once per idle timeout, not every tick.
    boolean advanced = streamTime > published
        && (!partitionClock.idleAt(now, idleTimeout) || now - publishedAt >= idleTimeout);
    if (sent || advanced) {
      context.forward(new Record<>("", Emission.partial(new Partial.Watermark(partition, streamTime)), now));
      published = streamTime;
      publishedAt = now;
    }
  }
}

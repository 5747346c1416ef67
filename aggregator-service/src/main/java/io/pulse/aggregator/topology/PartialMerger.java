package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The second half of a pre-aggregated dimension: owns some of its values and adds up what every
 * source partition sent for them ({@link MergedAggregation}). It has no clock of its own: the
 * partitions' stream times arrive with their partials, and rows leave once every partition has
 * been heard from since the last emission (each sends at its ticks), or after an emit interval.
 */
final class PartialMerger implements Processor<String, Partial, String, Emission> {

  private final Dimension dimension;
  private final int partitions;
  private final long emitInterval;
  private final List<MergedAggregation> aggregations = new ArrayList<>();
  private KeyValueStore<String, Long> sourceTimes;
  private long[] streamTimes;
  private final BitSet heard = new BitSet();
  private ProcessorContext<String, Emission> context;
  private CommitWhenIdle commits;
  private long lastEmission = Long.MIN_VALUE;

  PartialMerger(Dimension dimension, int partitions, Duration emitInterval) {
    this.dimension = dimension;
    this.partitions = partitions;
    this.emitInterval = emitInterval.toMillis();
  }

  static ProcessorSupplier<String, Partial, String, Emission> supplier(Dimension dimension, int partitions,
      Duration emitInterval) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Partial, String, Emission> get() {
        return new PartialMerger(dimension, partitions, emitInterval);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return dimension.mergeStores();
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    this.context = context;
    this.commits = new CommitWhenIdle(context);
    context.schedule(Duration.ofMillis(emitInterval), PunctuationType.WALL_CLOCK_TIME, now -> commits.tick());
    KeyValueStore<String, MergedGroup> groups = context.getStateStore(dimension.mergedStore());
    sourceTimes = context.getStateStore(dimension.sourceTimesStore());
    for (AggregationDefinition definition : dimension.aggregations()) {
      aggregations.add(new MergedAggregation(definition, partitions, groups, new WindowRows(definition, context)));
    }
    try (KeyValueIterator<String, MergedGroup> all = groups.all()) {
      all.forEachRemaining(entry -> {
        String name = GroupKey.aggregationOf(entry.key);
        for (int i = 0; i < aggregations.size(); i++) {
          if (dimension.aggregations().get(i).name().equals(name)) {
            aggregations.get(i).restore(entry.key, entry.value);
          }
        }
      });
    }
    streamTimes = new long[partitions];
    for (int partition = 0; partition < partitions; partition++) {
      Long time = sourceTimes.get(Integer.toString(partition));
      streamTimes[partition] = time == null ? StreamClock.UNKNOWN : time;
    }
    advance();
  }

  @Override
  public void process(Record<String, Partial> record) {
    commits.received();
    switch (record.value()) {
      case Partial.Window window -> aggregations.get(window.aggregation()).apply(window);
      case Partial.Watermark watermark -> heardFrom(watermark);
    }
  }

  private void heardFrom(Partial.Watermark watermark) {
    int partition = watermark.partition();
    if (partition >= partitions) {
      throw new IllegalStateException("a partial from partition " + partition + " of the events topic, configured with "
          + partitions + " (pulse.topics.partitions must match the topic)");
    }
    heard.set(partition);
    if (watermark.streamTime() > streamTimes[partition]) {
      streamTimes[partition] = watermark.streamTime();
      sourceTimes.put(Integer.toString(partition), watermark.streamTime());
      advance();
    }
    long now = context.currentSystemTimeMs();
    if (heard.cardinality() == partitions || now - lastEmission >= emitInterval) {
      long lowestKnown = StreamClock.UNKNOWN;
      for (long time : streamTimes) {
        if (time != StreamClock.UNKNOWN) {
          lowestKnown = lowestKnown == StreamClock.UNKNOWN ? time : Math.min(lowestKnown, time);
        }
      }
      for (MergedAggregation aggregation : aggregations) {
        aggregation.emitChanged(lowestKnown);
      }
      heard.clear();
      lastEmission = now;
    }
  }

  /** Closes what the lowest stream time closed, once every partition's is known. */
  private void advance() {
    long lowest = Long.MAX_VALUE;
    for (long time : streamTimes) {
      lowest = Math.min(lowest, time);
    }
    if (lowest != StreamClock.UNKNOWN) {
      for (MergedAggregation aggregation : aggregations) {
        aggregation.advance(lowest);
      }
    }
  }
}

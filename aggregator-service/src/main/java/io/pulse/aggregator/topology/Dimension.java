package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.EnrichedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A group-by dimension (entityId, country, userId, properties.x) and the aggregations grouped by
 * it. Its events are shuffled once, keyed by the dimension's value, however many aggregations read
 * them; events are keyed by user already, so aggregations by userId need no shuffle at all.
 */
record Dimension(String name, boolean preAggregated, List<AggregationDefinition> aggregations) {

  /**
   * The dimensions of the aggregations. Those grouped by a dimension in {@code preAggregate} (few
   * values, such as country) with tumbling or hopping windows form a pre-aggregated dimension of
   * their own: counted per source partition and added up by value, instead of shuffled per event.
   */
  static List<Dimension> of(List<AggregationDefinition> aggregations, Set<String> preAggregate) {
    Map<String, List<AggregationDefinition>> byName = new LinkedHashMap<>();
    Map<String, List<AggregationDefinition>> preAggregated = new LinkedHashMap<>();
    for (AggregationDefinition definition : aggregations) {
      (preAggregates(definition, preAggregate) ? preAggregated : byName)
          .computeIfAbsent(definition.groupBy(), name -> new ArrayList<>()).add(definition);
    }
    List<Dimension> dimensions = new ArrayList<>();
    byName.forEach((name, grouped) -> dimensions.add(new Dimension(name, false, List.copyOf(grouped))));
    preAggregated.forEach((name, grouped) -> dimensions.add(new Dimension(name, true, List.copyOf(grouped))));
    return dimensions;
  }

  private static boolean preAggregates(AggregationDefinition definition, Set<String> preAggregate) {
    WindowType type = definition.window().type();
    return preAggregate.contains(definition.groupBy()) && !definition.groupBy().equals(Dimensions.USER_ID)
        && (type == WindowType.TUMBLING || type == WindowType.HOPPING);
  }

  /**
   * The event's value of this dimension, if it has one and is of a type one of the dimension's
   * aggregations counts; null when none of them counts it.
   */
  String countedValue(EnrichedEvent event) {
    String value = event.dimension(name);
    if (value == null) {
      return null;
    }
    for (AggregationDefinition definition : aggregations) {
      if (definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.event().type())) {
        return value;
      }
    }
    return null;
  }

  /** Counted where the events are, with no shuffle: keyed like events already, or pre-aggregated per source partition. */
  boolean local() {
    return keyedLikeEvents() || preAggregated;
  }

  boolean keyedLikeEvents() {
    return name.equals(Dimensions.USER_ID);
  }

  /** A name usable in topic and store names: "entityId", "properties-device", "country-partials". */
  String id() {
    return name.replace('.', '-') + (preAggregated ? "-partials" : "");
  }

  String shuffleTopic() {
    return preAggregated ? id() : "by-" + id();
  }

  String mergedStore() {
    return id() + "-merged";
  }

  String sourceTimesStore() {
    return id() + "-source-times";
  }

  String groupStore() {
    return id() + "-groups";
  }

  String clockStore() {
    return id() + "-stream-time";
  }

  /**
   * In memory, logged, written once per commit: a group's value changes with nearly every event,
   * and only its value at commit goes to the changelog, which Kafka Streams flushes before it
   * commits offsets (so the values and their replay marks are always ahead of the committed input).
   */
  Set<StoreBuilder<?>> stores() {
    return Set.of(loggedInMemory(groupStore(), new GroupStateSerde()), loggedInMemory(clockStore(), Serdes.Long()));
  }

  /** Where a pre-aggregated dimension's partials are added up: written once per commit, as {@link #stores()}. */
  Set<StoreBuilder<?>> mergeStores() {
    return Set.of(loggedInMemory(mergedStore(), new MergedGroupSerde()), loggedInMemory(sourceTimesStore(), Serdes.Long()));
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> loggedInMemory(String name, Serde<V> values) {
    return WriteOnCommitStore.builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values));
  }
}

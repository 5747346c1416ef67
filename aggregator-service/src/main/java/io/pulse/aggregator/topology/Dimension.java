package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A group-by dimension (entityId, country, userId, properties.x) and the aggregations grouped by
 * it. Its events are shuffled once, keyed by the dimension's value, however many aggregations read
 * them; events are keyed by user already, so aggregations by userId need no shuffle at all.
 */
record Dimension(String name, List<AggregationDefinition> aggregations) {

  static List<Dimension> of(List<AggregationDefinition> aggregations) {
    Map<String, List<AggregationDefinition>> byName = new LinkedHashMap<>();
    for (AggregationDefinition definition : aggregations) {
      byName.computeIfAbsent(definition.groupBy(), name -> new ArrayList<>()).add(definition);
    }
    return byName.entrySet().stream().map(entry -> new Dimension(entry.getKey(), List.copyOf(entry.getValue()))).toList();
  }

  boolean keyedLikeEvents() {
    return name.equals(Dimensions.USER_ID);
  }

  /** A name usable in topic and store names: "entityId", "properties-device". */
  String id() {
    return name.replace('.', '-');
  }

  String shuffleTopic() {
    return "by-" + id();
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
    return Set.of(
        WriteOnCommitStore.builder(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(groupStore()), Serdes.String(), new GroupStateSerde())),
        WriteOnCommitStore.builder(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(clockStore()), Serdes.String(), Serdes.Long())));
  }
}

package io.pulse.aggregator.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory stores for a processor under a MockProcessorContext, written on flush as in the topology
 * but without a changelog, and their contents as of a flush (what a commit leaves) for a simulated
 * restore.
 */
final class MockStores {

  private MockStores() {}

  static <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
    return WriteOnCommitStore.builder(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withLoggingDisabled()).build();
  }

  static <S extends StateStore> S register(MockProcessorContext<?, ?> context, S store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /** What the store holds once flushed: a scan flushes first. */
  static <V> List<KeyValue<String, V>> copy(KeyValueStore<String, V> store) {
    List<KeyValue<String, V>> entries = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(entries::add);
    }
    return entries;
  }
}

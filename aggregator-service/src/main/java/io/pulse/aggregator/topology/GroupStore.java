package io.pulse.aggregator.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A dimension's group states: the logged, cached store that makes them durable, read through a
 * map of the deserialized states. Only this task's processor writes its store, so the map never
 * disagrees with it; a read costs a hash lookup instead of a cache lookup and a deserialization,
 * and every change is still written through, so the changelog and commit semantics are the store's.
 */
final class GroupStore {

  private final KeyValueStore<String, GroupState> store;
  private final Map<String, GroupState> read = new HashMap<>();

  GroupStore(KeyValueStore<String, GroupState> store) {
    this.store = store;
  }

  GroupState get(String key) {
    GroupState state = read.get(key);
    if (state == null) {
      state = store.get(key);
      if (state != null) {
        read.put(key, state);
      }
    }
    return state;
  }

  void put(String key, GroupState state) {
    store.put(key, state);
    read.put(key, state);
  }

  void delete(String key) {
    store.delete(key);
    read.remove(key);
  }
}

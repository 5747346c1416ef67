package io.pulse.aggregator.topology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store whose values live as objects and reach the logged store beneath only when
 * Kafka Streams flushes caches, which it does on every commit before it flushes the producer and
 * commits offsets. A group's state changes with nearly every event: Kafka Streams' own record cache
 * also writes the changelog once per commit, but it serializes the value on every put; here a put
 * is a hash-map write and the value is serialized once per commit.
 *
 * <p>The guarantees are the record cache's: everything put before a commit is in the changelog
 * before that commit's offsets. It hooks the same internal interface the record cache uses
 * ({@code CachedStateStore}, via {@link WrappedStateStore}); Kafka Streams has no public hook that
 * runs before offsets are committed.
 */
final class WriteOnCommitStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> implements KeyValueStore<K, V> {

  /** Every value read or written since the store opened; a null value is a delete not yet written. */
  private final Map<K, V> values = new HashMap<>();
  private final Set<K> dirty = new HashSet<>();

  private WriteOnCommitStore(KeyValueStore<K, V> logged) {
    super(logged);
  }

  /** Builds {@code logged} (which must log and must not cache) wrapped in this store. */
  static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> logged) {
    return new Builder<>(logged.withCachingDisabled());
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forgetAll();
    super.init(context, root);
  }

  @Override
  public V get(K key) {
    V value = values.get(key);
    if (value == null && !values.containsKey(key)) {
      value = wrapped().get(key);
      if (value != null) {
        values.put(key, value);
      }
    }
    return value;
  }

  @Override
  public void put(K key, V value) {
    values.put(key, value);
    dirty.add(key);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    V existing = get(key);
    if (existing == null) {
      put(key, value);
    }
    return existing;
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    entries.forEach(entry -> put(entry.key, entry.value));
  }

  @Override
  public V delete(K key) {
    V existing = get(key);
    put(key, null);
    return existing;
  }

  @Override
  public void flushCache() {
    for (K key : dirty) {
      V value = values.get(key);
      if (value == null) {
        values.remove(key);
        wrapped().delete(key);
      } else {
        wrapped().put(key, value);
      }
    }
    dirty.clear();
    super.flushCache();
  }

  /** Under exactly-once an aborted transaction discards what was not committed: read it again from beneath. */
  @Override
  public void clearCache() {
    forgetAll();
    super.clearCache();
  }

  @Override
  public void close() {
    forgetAll();
    super.close();
  }

  // Scans are rare (a task's start): they see everything once it is written beneath.
  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    flushCache();
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    flushCache();
    return wrapped().all();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
    flushCache();
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }

  private void forgetAll() {
    values.clear();
    dirty.clear();
  }

  private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> logged) implements StoreBuilder<KeyValueStore<K, V>> {

    @Override
    public KeyValueStore<K, V> build() {
      return new WriteOnCommitStore<>(logged.build());
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
      throw new UnsupportedOperationException("this store is its own cache");
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
      return new Builder<>(logged.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
      throw new UnsupportedOperationException("without a changelog a commit would not make the values durable");
    }

    @Override
    public Map<String, String> logConfig() {
      return logged.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return logged.loggingEnabled();
    }

    @Override
    public String name() {
      return logged.name();
    }
  }
}

package io.pulse.aggregator.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>One map holds each key's value and whether it is written yet: a put on a group changed since
 * the last commit is one lookup, and the commit walks a list, not the map.
 */
final class WriteOnCommitStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> implements KeyValueStore<K, V> {

  /** Every value read or written since the store opened; a null value is a delete not yet written. */
  private final Map<K, Entry<K, V>> entries = new HashMap<>();
  /** The entries put since the last flush, each once. */
  private final List<Entry<K, V>> dirty = new ArrayList<>();
  /** Run at every flush before the values are written, by key: owners of values kept elsewhere put them now. */
  private final Map<Object, Runnable> beforeFlush = new LinkedHashMap<>();

  private WriteOnCommitStore(KeyValueStore<K, V> logged) {
    super(logged);
  }

  /** Builds {@code logged} (which must log and must not cache) wrapped in this store. */
  static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> logged) {
    return new Builder<>(logged.withCachingDisabled());
  }

  /**
   * Runs {@code action} before each flush of {@code store} (as a processor sees it, decorated), until
   * the store is closed or opened again. For a value that changes with every event, e.g. a stream
   * clock: its owner keeps it in a field and puts it once per commit instead of once per event. The
   * action replaces any earlier one for the same {@code key}: Kafka Streams initializes a resumed
   * task's processors again on stores it kept open, and only the new owner may write.
   */
  static void beforeEachFlush(StateStore store, Object key, Runnable action) {
    StateStore inner = store;
    while (!(inner instanceof WriteOnCommitStore<?, ?>)) {
      if (!(inner instanceof WrappedStateStore<?, ?, ?> wrapper)) {
        throw new IllegalArgumentException(store.name() + " is not a write-on-commit store");
      }
      inner = wrapper.wrapped();
    }
    ((WriteOnCommitStore<?, ?>) inner).beforeFlush.put(key, action);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forgetAll();
    beforeFlush.clear();
    super.init(context, root);
  }

  @Override
  public V get(K key) {
    Entry<K, V> entry = entries.get(key);
    if (entry != null) {
      return entry.value;
    }
    V value = wrapped().get(key);
    if (value != null) {
      entries.put(key, new Entry<>(key, value));
    }
    return value;
  }

  @Override
  public void put(K key, V value) {
    Entry<K, V> entry = entries.computeIfAbsent(key, Entry::new);
    entry.value = value;
    if (!entry.dirty) {
      entry.dirty = true;
      dirty.add(entry);
    }
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
    beforeFlush.values().forEach(Runnable::run);
    for (Entry<K, V> entry : dirty) {
      entry.dirty = false;
      if (entry.value == null) {
        entries.remove(entry.key);
        wrapped().delete(entry.key);
      } else {
        wrapped().put(entry.key, entry.value);
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
    beforeFlush.clear();
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
    entries.clear();
    dirty.clear();
  }

  private static final class Entry<K, V> {
    private final K key;
    private V value;
    private boolean dirty;

    private Entry(K key) {
      this.key = key;
    }

    private Entry(K key, V value) {
      this.key = key;
      this.value = value;
    }
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

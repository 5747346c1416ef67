package io.pulse.aggregator.topology;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs a fixed-key processor on stores it is handed, for what the topology test driver cannot
 * do: feed a record at an offset it already had (a replay after a crash). Kafka's test utilities
 * mock only the plain processor context, so this one delegates to that mock and captures forwards.
 */
final class FixedKeyHarness<K, V> {

  final MockProcessorContext<K, V> mock = new MockProcessorContext<>();
  final List<FixedKeyRecord<K, V>> forwarded = new ArrayList<>();
  final FixedKeyProcessorContext<K, V> context;

  @SuppressWarnings("unchecked")
  FixedKeyHarness() {
    context = (FixedKeyProcessorContext<K, V>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {FixedKeyProcessorContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("forward")) {
            forwarded.add((FixedKeyRecord<K, V>) args[0]);
            return null;
          }
          try {
            return method.invoke(mock, args); // every other method is the processing context's
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  <S extends StateStore> S register(S store) {
    store.init(mock.getStateStoreContext(), store);
    mock.addStateStore(store);
    return store;
  }

  static <K, V> FixedKeyRecord<K, V> record(K key, V value, long timestamp) {
    return InternalFixedKeyRecordFactory.create(new Record<>(key, value, timestamp));
  }
}

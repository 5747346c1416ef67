package io.pulse.contracts.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as a typed spec: its name, serdes, default partition count and cleanup policy. Services
 * create topics from these specs and never spell a topic name themselves.
 */
public record TopicSpec<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, CleanupPolicy cleanupPolicy) {

  public enum CleanupPolicy {
    DELETE,
    COMPACT;

    public String configValue() {
      return name().toLowerCase();
    }
  }
}

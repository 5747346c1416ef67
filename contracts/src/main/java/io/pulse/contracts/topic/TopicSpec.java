package io.pulse.contracts.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as a typed spec: its name, serdes, default partition count and cleanup policy. Services
 * create topics from these specs and never spell a topic name themselves. A keyed topic (events
 * and the topics partitioned like it) takes the platform's partition setting instead of its default.
 */
public record TopicSpec<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, CleanupPolicy cleanupPolicy, boolean keyed) {

  /** The partitions of this topic on a platform whose keyed topics have {@code keyedPartitions}. */
  public int partitions(int keyedPartitions) {
    return keyed ? keyedPartitions : partitions;
  }

  public enum CleanupPolicy {
    DELETE,
    COMPACT;

    public String configValue() {
      return name().toLowerCase();
    }
  }
}

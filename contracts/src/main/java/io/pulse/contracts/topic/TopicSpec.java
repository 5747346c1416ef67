package io.pulse.contracts.topic;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic as a typed spec: its name, serdes, default partition count, cleanup policy and retention.
 * Services create topics from these specs and never spell a topic name themselves. A keyed topic
 * (events and the topics partitioned like it) takes the platform's partition setting instead of its
 * default.
 *
 * @param retention how long the broker keeps a record ({@code retention.ms}), measured from the
 *                  record's timestamp; {@link #KEEP_FOREVER} for a compacted topic, whose latest
 *                  value per key must never expire
 */
public record TopicSpec<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, CleanupPolicy cleanupPolicy, boolean keyed,
    Duration retention) {

  /** {@code retention.ms=-1}: no time limit. */
  public static final Duration KEEP_FOREVER = Duration.ofMillis(-1);

  public TopicSpec {
    if (retention.isZero() || (retention.isNegative() && !retention.equals(KEEP_FOREVER))) {
      throw new IllegalArgumentException("retention of topic " + name + " must be positive or KEEP_FOREVER: " + retention);
    }
  }

  /** The topic's {@code retention.ms} value. */
  public long retentionMs() {
    return retention.toMillis();
  }

  /**
   * A value serde for writing this topic from a record that carries its value: {@code part} picks
   * it out at serialization, so a stream needs no node (and no record copy) to unwrap it first.
   * Write-only: the topic is read with {@link #valueSerde()}.
   */
  public <R> Serde<R> writing(Function<R, V> part) {
    Serializer<V> serializer = valueSerde.serializer();
    return Serdes.serdeFrom((topic, record) -> serializer.serialize(topic, part.apply(record)), (topic, bytes) -> {
      throw new UnsupportedOperationException(name + " is read with its own value serde, not the writing one");
    });
  }

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

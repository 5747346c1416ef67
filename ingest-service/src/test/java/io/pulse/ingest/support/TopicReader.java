package io.pulse.ingest.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what lands on a topic from the moment it is opened: assigned to every partition and
 * positioned at the end, no consumer group involved.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  public TopicReader(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the lazy seek now, before anything is posted
  }

  /** Sum of the partitions' end offsets: grows by exactly the number of records written. */
  public long endOffsetTotal() {
    return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Polls until {@code count} new records arrived, then checks a little longer that no more follow. */
  public List<ConsumerRecord<String, byte[]>> readExactly(int count) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      return records.size() >= count;
    });
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    if (records.size() != count) {
      throw new AssertionError("expected " + count + " records but read " + records.size());
    }
    return records;
  }

  @Override
  public void close() {
    consumer.close();
  }
}

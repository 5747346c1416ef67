package io.pulse.contracts.warmup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to a throw-away topic and reads them back, then deletes the topic: a fresh JVM runs
 * the Kafka client's produce, compression and fetch code interpreted until the JIT has compiled it,
 * and a platform loaded from its first second did that compiling on the cores the stream needed
 * (docs/benchmark.md). When the broker runs in the same JVM (the launcher's), its request paths are
 * compiled too. Half the records are written as ingest writes (lz4, linger 5 ms), half as Kafka
 * Streams writes (uncompressed, linger 100 ms), both idempotent with acks=all.
 *
 * <p>Only for a broker of one's own: it creates and deletes a topic and writes ~200 bytes per record.
 */
public final class KafkaRoundTrip {

  private static final int PARTITIONS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private KafkaRoundTrip() {
  }

  /** Returns the records read back: {@code records} and the per-partition openers, and any a killed earlier run left. */
  public static long run(String bootstrapServers, String topic, int records) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      createTopic(admin, topic);
      produce(bootstrapServers, topic, "lz4", 5, records / 2);
      produce(bootstrapServers, topic, "none", 100, records - records / 2);
      long read = consume(bootstrapServers, topic, records + 2 * PARTITIONS);
      admin.deleteTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return read;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Kafka round trip through " + topic + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the Kafka round trip through " + topic, e);
    }
  }

  /** One left over by a process killed during its warm-up is read back with the new records, then deleted. */
  private static void createTopic(Admin admin, String topic) throws ExecutionException, TimeoutException, InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static void produce(String bootstrapServers, String topic, String compression, int lingerMs, int records)
      throws ExecutionException, TimeoutException, InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    byte[] value = new byte[200];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
        ProducerConfig.LINGER_MS_CONFIG, lingerMs), new ByteArraySerializer(), new ByteArraySerializer())) {
      openEveryPartition(producer, topic);
      for (int i = 0; i < records && failure.get() == null; i++) {
        value[i % value.length] = (byte) i; // not all alike, so compression does real work
        producer.send(new ProducerRecord<>(topic, ("u" + i % 5000).getBytes(), value.clone()), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the Kafka round trip could not write to " + topic, failure.get());
    }
  }

  /**
   * One acknowledged record per partition before the stream of sends. Right after the topic is
   * created the broker may refuse a partition it has not opened yet (NOT_LEADER_OR_FOLLOWER); a later
   * request to it can then be appended first, and the retried one fails as out of order until its
   * delivery times out (KAFKA-15591). It happened here: the launcher never reported ready. With a
   * single request in flight per partition nothing can overtake the retry.
   */
  private static void openEveryPartition(KafkaProducer<byte[], byte[]> producer, String topic)
      throws ExecutionException, TimeoutException, InterruptedException {
    for (int partition = 0; partition < PARTITIONS; partition++) {
      producer.send(new ProducerRecord<>(topic, partition, new byte[0], new byte[0])).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static long consume(String bootstrapServers, String topic, int records) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      long read = 0;
      while (read < records && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      if (read < records) {
        throw new IllegalStateException("the Kafka round trip read back " + read + " of " + records + " records from " + topic);
      }
      return read;
    }
  }
}

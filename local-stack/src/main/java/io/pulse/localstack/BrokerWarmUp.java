package io.pulse.localstack;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records through the broker and reads them back before the launcher reports ready: the
 * broker runs in this JVM, and a freshly started one JIT-compiled its produce and fetch paths during
 * the first minute of load, on the cores the services needed (docs/benchmark.md). The records go to
 * a topic of their own, deleted afterwards. Only the launcher does this; tests start a cold broker.
 */
final class BrokerWarmUp {

  private static final Logger log = LoggerFactory.getLogger(BrokerWarmUp.class);
  private static final String TOPIC = "local-stack-warm-up";
  private static final int PARTITIONS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private BrokerWarmUp() {
  }

  static void run(String bootstrapServers, int records) {
    if (records <= 0) {
      return;
    }
    long started = System.nanoTime();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      createTopic(admin);
      produce(bootstrapServers, records);
      consume(bootstrapServers, records + PARTITIONS);
      admin.deleteTopics(List.of(TOPIC)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker warm-up failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while warming up the broker", e);
    }
    log.info("Warmed up the broker with {} records in {} ms", records, (System.nanoTime() - started) / 1_000_000);
  }

  /** Left over when a launcher was killed during its warm-up: read back with the new records, then deleted. */
  private static void createTopic(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** As ingest and the aggregator write: idempotent, acks=all, lz4, small batches of ~200-byte events. */
  private static void produce(String bootstrapServers, int records)
      throws ExecutionException, TimeoutException, InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    byte[] value = new byte[200];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer())) {
      openEveryPartition(producer);
      for (int i = 0; i < records && failure.get() == null; i++) {
        value[i % value.length] = (byte) i; // not all alike, so compression does real work
        producer.send(new ProducerRecord<>(TOPIC, ("u" + i % 5000).getBytes(), value.clone()), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the broker warm-up could not write", failure.get());
    }
  }

  /**
   * One acknowledged record per partition before the stream of sends. Right after the topic is
   * created the broker may refuse a partition it has not opened yet (NOT_LEADER_OR_FOLLOWER); a later
   * request to it can then be appended first, and the retried one fails as out of order until its
   * delivery times out (KAFKA-15591). It happened here: the launcher never reported ready. With a
   * single request in flight per partition nothing can overtake the retry.
   */
  private static void openEveryPartition(KafkaProducer<byte[], byte[]> producer)
      throws ExecutionException, TimeoutException, InterruptedException {
    for (int partition = 0; partition < PARTITIONS; partition++) {
      producer.send(new ProducerRecord<>(TOPIC, partition, new byte[0], new byte[0])).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static void consume(String bootstrapServers, int records) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
          .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      int read = 0;
      while (read < records && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      if (read < records) {
        throw new IllegalStateException("the broker warm-up read back " + read + " of " + records + " records");
      }
    }
  }
}

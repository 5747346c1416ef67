package io.pulse.loadtest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the broker alone does on this machine: a plain KafkaProducer with the ingest service's
 * settings (acks=all, idempotent, lz4, linger 5 ms, 64 KB batches) writes events of the
 * benchmark's shape to a fresh topic with as many partitions as {@code events}, then a plain
 * KafkaConsumer reads them all back. The platform's figures are read as ratios to these.
 */
final class RawKafkaBaseline {

  record Result(long records, double avgRecordBytes, double produceRecordsPerSecond, double consumeRecordsPerSecond) {}

  private static final int DISTINCT_VALUES = 20_000;

  private RawKafkaBaseline() {}

  static Result run(Admin admin, String bootstrap, int partitions, long records, EventFactory events) throws Exception {
    String topic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    // Values made up front, so the figure is the client and broker, not our JSON building.
    byte[][] values = new byte[DISTINCT_VALUES][];
    String[] keys = new String[DISTINCT_VALUES];
    long bytes = 0;
    long now = System.currentTimeMillis();
    for (int i = 0; i < DISTINCT_VALUES; i++) {
      EventFactory.KafkaEvent event = events.kafkaEvent(now);
      values[i] = event.value();
      keys[i] = event.userId();
      bytes += values[i].length;
    }
    try {
      double produced = produce(bootstrap, topic, records, keys, values);
      double consumed = consume(bootstrap, topic, records);
      return new Result(records, (double) bytes / DISTINCT_VALUES, produced, consumed);
    } finally {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static double produce(String bootstrap, String topic, long records, String[] keys, byte[][] values)
      throws Exception {
    Properties props = new Properties();
    props.putAll(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024));
    AtomicLong failures = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      long started = System.nanoTime();
      for (long i = 0; i < records; i++) {
        int pick = (int) (i % DISTINCT_VALUES);
        producer.send(new ProducerRecord<>(topic, keys[pick], values[pick]), (metadata, error) -> {
          if (error != null && failures.incrementAndGet() == 1) {
            firstFailure.set(error);
          }
        });
      }
      producer.flush();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " raw sends failed", firstFailure.get());
      }
      return records / seconds;
    }
  }

  private static double consume(String bootstrap, String topic, long records) {
    Properties props = new Properties();
    props.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long started = System.nanoTime();
      long deadline = started + TimeUnit.SECONDS.toNanos(120);
      while (read < records && System.nanoTime() < deadline) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
        read += batch.count();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (read < records) {
        throw new IllegalStateException("raw consumer read only " + read + " of " + records + " records in 120 s");
      }
      return read / seconds;
    }
  }
}

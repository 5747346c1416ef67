package io.pulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

  private static final String TOPIC = "greetings";

  @TempDir
  Path dataDir;

  @Test
  void producesAndConsumesAndKeepsTopicsAndRecordsAcrossARestart() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      try (Admin admin = admin(kafka)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      send(kafka, "user-1", "hello");
      assertThat(readAll(kafka)).containsExactly("user-1=hello");
    }

    try (LocalKafka restarted = LocalKafka.start(dataDir, 0)) {
      try (Admin admin = admin(restarted)) {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(topics).contains(TOPIC);
      }
      assertThat(readAll(restarted)).containsExactly("user-1=hello");
    }
  }

  @Test
  void refusesToAutoCreateTopics() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0); Admin admin = admin(kafka)) {
      try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
        consumer.partitionsFor("no-such-topic", Duration.ofSeconds(2));
      }
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("no-such-topic");
    }
  }

  private static void send(LocalKafka kafka, String key, String value) throws Exception {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads the topic from the beginning with a fresh group, as "key=value" strings. */
  private static List<String> readAll(LocalKafka kafka) {
    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      consumer.subscribe(List.of(TOPIC));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          received.add(record.key() + "=" + record.value());
        }
        return !received.isEmpty();
      });
    }
    return received;
  }

  private static KafkaConsumer<String, String> consumer(LocalKafka kafka) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static Admin admin(LocalKafka kafka) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}

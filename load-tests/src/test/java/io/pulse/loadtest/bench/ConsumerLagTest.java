package io.pulse.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The bench's drained-or-not verdicts rest on this lag: a stage is done only when every partition is. */
class ConsumerLagTest {

  @Test
  void partitionsAGroupHasNotCommittedOnYetCountAsLagFromTheirFirstOffset() throws Exception {
    try (KafkaServer kafka = TestServers.startKafka();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("input", 3, (short) 1), new NewTopic("shuffle", 2, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
      write(kafka.bootstrapServers(), "input", 3, 10);
      write(kafka.bootstrapServers(), "shuffle", 2, 10);
      // the group has read all of input's partition 0 and of shuffle's partition 0, nothing else yet
      admin.alterConsumerGroupOffsets("stage", Map.of(
          new TopicPartition("input", 0), new OffsetAndMetadata(10),
          new TopicPartition("shuffle", 0), new OffsetAndMetadata(10))).all().get(30, TimeUnit.SECONDS);

      Map<String, ConsumerLag.TopicOffsets> offsets = new ConsumerLag(admin).of("stage", List.of("input"));

      // one offset per partition is allowed for exactly-once's commit markers: 10 - 0 - 1 per unread partition
      assertThat(offsets.get("input")).isEqualTo(new ConsumerLag.TopicOffsets(10, 30, 18));
      assertThat(offsets.get("shuffle")).isEqualTo(new ConsumerLag.TopicOffsets(10, 20, 9));
    }
  }

  private static void write(String bootstrapServers, String topic, int partitions, int perPartition) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers), new StringSerializer(), new StringSerializer())) {
      for (int partition = 0; partition < partitions; partition++) {
        for (int i = 0; i < perPartition; i++) {
          producer.send(new ProducerRecord<>(topic, partition, null, "record " + i));
        }
      }
      producer.flush();
    }
  }
}

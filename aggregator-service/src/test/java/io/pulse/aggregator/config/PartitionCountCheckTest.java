package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.topic.Topics;
import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

class PartitionCountCheckTest {

  @Test
  void aSettingThatDiffersFromTheEventsTopicStopsTheStartWithTheCountToSet() {
    try (KafkaServer kafka = TestServers.startKafka()) {
      KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
      admin.createOrModifyTopics(new NewTopic(Topics.EVENTS.name(), 3, (short) 1));

      assertThatThrownBy(() -> PartitionCountCheck.verify(admin, 6)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has 3 partitions but pulse.topics.partitions is 6")
          .hasMessageContaining("PULSE_TOPICS_PARTITIONS=3");
      assertThatCode(() -> PartitionCountCheck.verify(admin, 3)).doesNotThrowAnyException();
    }
  }
}

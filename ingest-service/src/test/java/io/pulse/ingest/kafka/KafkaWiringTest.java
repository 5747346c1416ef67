package io.pulse.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.topic.TopicSpec;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

@IngestIntegrationTest
class KafkaWiringTest {

  @Autowired KafkaTestBroker broker;
  @Autowired ProducerFactory<?, ?> producerFactory;
  @Autowired KafkaAdmin kafkaAdmin;

  @Test
  void everyPlatformTopicExistsWithItsSpecsPartitionsCleanupPolicyAndRetention() throws Exception {
    List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
      List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);

      for (TopicSpec<?, ?> spec : Topics.ALL) {
        assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(spec.name())
            .isEqualTo(spec.cleanupPolicy().configValue());
        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(spec.name())
            .isEqualTo(Long.toString(spec.retentionMs()));
      }
    }
  }

  /** A deployment older than explicit retention has its topics already: the declarations bring their configs to spec. */
  @Test
  void anExistingTopicWithAnotherRetentionIsBroughtToTheSpec() throws Exception {
    ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.USER_PROFILES_DLQ.name());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(
          new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000"), AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);

      kafkaAdmin.initialize();

      // The broker applies a committed config change to its metadata cache a moment later.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.describeConfigs(List.of(dlq)).all()
          .get(10, TimeUnit.SECONDS).get(dlq).get(TopicConfig.RETENTION_MS_CONFIG).value())
          .isEqualTo(Long.toString(Topics.USER_PROFILES_DLQ.retentionMs())));
    }
  }

  @Test
  void producerWaitsForAllReplicasAndIsIdempotent() {
    Map<String, Object> config = producerFactory.getConfigurationProperties();

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    assertThat(config).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    assertThat(config).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    assertThat(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).hasToString("2000");
  }
}

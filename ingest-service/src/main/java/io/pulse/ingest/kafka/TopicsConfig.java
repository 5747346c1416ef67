package io.pulse.ingest.kafka;

import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.config.IngestProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every platform topic from its spec; spring-kafka's {@link KafkaAdmin} creates the missing
 * ones at start-up. Declaring all of them (not only ours) lets whichever service starts first set
 * them up with the right partitions and cleanup policy, never the broker's auto-create defaults.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics platformTopics(IngestProperties properties) {
    return new KafkaAdmin.NewTopics(Topics.ALL.stream()
        .map(spec -> TopicBuilder.name(spec.name())
            .partitions(spec.partitions())
            .replicas(properties.kafka().replicationFactor())
            .config(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().configValue())
            .build())
        .toArray(NewTopic[]::new));
  }
}

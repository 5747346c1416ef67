package io.pulse.aggregator.topology;

import io.pulse.contracts.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The aggregator declares the topics it reads and writes, as ingest does: whichever service starts
 * first creates them (KafkaAdmin does so before the Streams client starts), so start order never
 * matters and Streams never meets a missing source topic.
 */
@Configuration
class TopicDeclarations {

  @Bean
  KafkaAdmin.NewTopics platformTopics(KafkaProperties kafka) {
    Integer configured = kafka.getStreams().getReplicationFactor();
    int replicationFactor = configured == null ? 1 : configured;
    return new KafkaAdmin.NewTopics(Topics.ALL.stream()
        .map(spec -> TopicBuilder.name(spec.name())
            .partitions(spec.partitions())
            .replicas(replicationFactor)
            .config(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().configValue())
            .build())
        .toArray(NewTopic[]::new));
  }
}

package io.pulse.contracts.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic of {@link Topics#ALL} from its spec; spring-kafka's {@link KafkaAdmin}
 * creates the missing ones at start-up, before any producer or Streams client runs. Every service
 * that talks to Kafka imports this, and all of them declare all topics (not only their own), so
 * whichever starts first sets them up with the right partitions, cleanup policy and retention —
 * start order never matters, and the broker's auto-create defaults never apply. With
 * {@code spring.kafka.admin.modify-topic-configs=true} (both services' application.yml) the configs
 * of topics that exist already are brought to the spec as well, so a changed retention reaches
 * existing deployments.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class TopicDeclarations {

  @Bean
  KafkaAdmin.NewTopics platformTopics(TopicProperties properties) {
    return new KafkaAdmin.NewTopics(Topics.ALL.stream()
        .map(spec -> TopicBuilder.name(spec.name())
            .partitions(spec.partitions(properties.partitions()))
            .replicas(properties.replicationFactor())
            .config(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().configValue())
            .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()))
            .build())
        .toArray(NewTopic[]::new));
  }
}

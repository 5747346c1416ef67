package io.pulse.contracts.topic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code pulse.topics}, read by {@link TopicDeclarations}.
 *
 * @param replicationFactor replicas of every platform topic it creates: 1 on a single broker, 3 in
 *                          production (Kafka Streams' own internal topics follow
 *                          {@code spring.kafka.streams.replication-factor})
 */
@Validated
@ConfigurationProperties("pulse.topics")
public record TopicProperties(@DefaultValue("1") @Positive @Max(Short.MAX_VALUE) int replicationFactor) {}

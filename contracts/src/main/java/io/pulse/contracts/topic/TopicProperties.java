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
 * @param partitions        partitions of the keyed topics (events, user-profiles, events-enriched,
 *                          window-results; the aggregator's shuffles follow): how many stream threads
 *                          and instances can share the work. One setting because events and profiles
 *                          must stay co-partitioned for the join; it applies when the topics are
 *                          created, so changing it means new topics and an application reset.
 */
@Validated
@ConfigurationProperties("pulse.topics")
public record TopicProperties(
    @DefaultValue("1") @Positive @Max(Short.MAX_VALUE) int replicationFactor,
    @DefaultValue("" + Topics.PARTITIONS) @Positive int partitions) {}

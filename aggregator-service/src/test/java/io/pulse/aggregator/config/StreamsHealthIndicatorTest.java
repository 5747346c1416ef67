package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

class StreamsHealthIndicatorTest {

  @Test
  void isDownUntilTheFirstAssignmentThenUp(@TempDir Path stateDir) throws Exception {
    try (KafkaServer kafka = TestServers.startKafka()) {
      new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))
          .createOrModifyTopics(new NewTopic("in", 2, (short) 1));
      StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG, "health-test",
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())));
      factory.afterPropertiesSet();
      factory.getObject().stream("in", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).foreach((key, value) -> { });
      factory.afterSingletonsInstantiated(); // builds the topology, as the application context would
      StreamsHealthIndicator indicator = new StreamsHealthIndicator(factory);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);

      List<String> seen = new ArrayList<>(); // state -> health, until the client runs
      factory.start();
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
          Health health = indicator.health();
          seen.add(health.getDetails().get("streams") + "->" + health.getStatus());
          return health.getStatus().equals(Status.UP);
        });
        assertThat(seen).contains("REBALANCING->DOWN").doesNotContain("REBALANCING->UP", "CREATED->UP");
        assertThat(factory.getKafkaStreams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      } finally {
        factory.stop();
      }
    }
  }
}

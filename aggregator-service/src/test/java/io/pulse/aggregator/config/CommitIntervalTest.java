package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class CommitIntervalTest {

  @Test
  void followsTheGuaranteeUnlessConfigured() {
    assertThat(commitIntervalWith(Map.of())).isEqualTo(5000L);
    assertThat(commitIntervalWith(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))).isEqualTo(5000L);
    assertThat(commitIntervalWith(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2))).isEqualTo(200L);
    assertThat(commitIntervalWith(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000"))).isEqualTo("1000");
  }

  private static Object commitIntervalWith(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
    new StreamsWiring().commitIntervalForTheGuarantee().configure(factory);
    return factory.getStreamsConfiguration().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }
}

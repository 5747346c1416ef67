package io.pulse.aggregator.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.aggregator.topology.AnalyticsTopology;
import io.pulse.aggregator.topology.StreamMetrics;
import io.pulse.contracts.topic.TopicProperties;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/** Wires the topology into Spring's managed KafkaStreams; stream settings live in application.yml, but for the commit interval's default. */
@Configuration
@EnableKafkaStreams
class StreamsWiring {

  private static final long EXACTLY_ONCE_COMMIT_MS = 200;
  /**
   * Each commit writes every group changed since the last one whole, and a per-user sliding group is
   * hundreds of slots: at 1 s the soak's aggregator spent 17 % of its time flushing. A quiet task
   * commits at its next tick anyway (CommitWhenIdle), so offsets do not trail the work by 5 s.
   */
  private static final long AT_LEAST_ONCE_COMMIT_MS = 5000;

  @Bean
  StreamMetrics streamMetrics(MeterRegistry registry) {
    Counter duplicates = Counter.builder("pulse.stream.duplicates").description("events dropped as already seen").register(registry);
    Counter poison = Counter.builder("pulse.stream.dlq").description("records sent to the dead-letter topic").register(registry);
    return new StreamMetrics() {
      @Override
      public void duplicate() {
        duplicates.increment();
      }

      @Override
      public void poison() {
        poison.increment();
      }

      @Override
      public void late(String aggregation) {
        registry.counter("pulse.stream.late", "aggregation", aggregation).increment();
      }
    };
  }

  /** The commit interval for the chosen guarantee, unless the configuration sets one (see application.yml). */
  @Bean
  StreamsBuilderFactoryBeanConfigurer commitIntervalForTheGuarantee() {
    return factory -> {
      Properties config = new Properties();
      config.putAll(factory.getStreamsConfiguration());
      if (!config.containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)) {
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, exactlyOnce ? EXACTLY_ONCE_COMMIT_MS : AT_LEAST_ONCE_COMMIT_MS);
        factory.setStreamsConfiguration(config);
      }
    };
  }

  @Bean
  AnalyticsTopology analyticsTopology(StreamsBuilder builder, AggregatorProperties properties, TopicProperties topics,
      StreamMetrics metrics) {
    AnalyticsTopology topology = new AnalyticsTopology(properties, topics.partitions(), metrics);
    topology.buildInto(builder);
    return topology;
  }
}

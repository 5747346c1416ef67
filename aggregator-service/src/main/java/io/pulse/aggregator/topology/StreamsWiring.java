package io.pulse.aggregator.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.aggregator.config.AggregatorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/** Wires the topology into Spring's managed KafkaStreams; all stream settings live in application.yml. */
@Configuration
@EnableKafkaStreams
class StreamsWiring {

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

  @Bean
  AnalyticsTopology analyticsTopology(StreamsBuilder builder, AggregatorProperties properties, StreamMetrics metrics) {
    AnalyticsTopology topology = new AnalyticsTopology(properties, metrics);
    topology.buildInto(builder);
    return topology;
  }
}

package io.pulse.aggregator.config;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** Kafka health as the aggregator sees it: its Streams client is running (or rebalancing). */
@Component("kafka")
class StreamsHealthIndicator implements HealthIndicator {

  private final StreamsBuilderFactoryBean streams;

  StreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams client = streams.getKafkaStreams();
    if (client == null) {
      return Health.down().withDetail("streams", "not started").build();
    }
    KafkaStreams.State state = client.state();
    Health.Builder health = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED ? Health.up() : Health.down();
    return health.withDetail("streams", state.name()).withDetail("threads", client.metadataForLocalThreads().size()).build();
  }
}

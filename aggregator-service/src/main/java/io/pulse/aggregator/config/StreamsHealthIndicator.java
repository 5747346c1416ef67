package io.pulse.aggregator.config;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Kafka health as the aggregator sees it: its Streams client has had its partitions assigned once
 * and is running (or rebalancing since). Not before: a client that is still joining its group
 * processes nothing, and a platform loaded as soon as it reports healthy fell behind by the seconds
 * of its first assignment (docs/benchmark.md).
 */
@Component("kafka")
class StreamsHealthIndicator implements HealthIndicator {

  private final StreamsBuilderFactoryBean streams;
  private volatile boolean assigned;

  StreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
    this.streams = streams;
    streams.setStateListener((now, before) -> assigned |= now == KafkaStreams.State.RUNNING);
  }

  @Override
  public Health health() {
    KafkaStreams client = streams.getKafkaStreams();
    if (client == null) {
      return Health.down().withDetail("streams", "not started").build();
    }
    KafkaStreams.State state = client.state();
    Health.Builder health = assigned && state.isRunningOrRebalancing() ? Health.up() : Health.down();
    if (!assigned) {
      health.withDetail("waiting", "for the first partition assignment");
    }
    return health.withDetail("streams", state.name()).withDetail("threads", client.metadataForLocalThreads().size()).build();
  }
}

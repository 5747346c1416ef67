package io.pulse.aggregator.config;

import io.pulse.contracts.warmup.KafkaRoundTrip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Writes {@code pulse.aggregator.client-warm-up-records} records to a throw-away topic and reads them
 * back before the Streams client starts. The topology's warm-up compiles our code, but in the first
 * seconds of a drain into a fresh platform most of the aggregator's compilations were the Kafka
 * client's, on the cores the stream threads needed (docs/benchmark.md). Off by default: it creates
 * and deletes a topic, so only the launchers whose broker is the platform's own turn it on.
 */
@Component
class ClientWarmUp extends BeforeStreamsStart {

  private static final Logger log = LoggerFactory.getLogger(ClientWarmUp.class);
  private static final String TOPIC = "aggregator-warm-up";

  private final AggregatorProperties properties;
  private final String bootstrapServers;

  /** Last, after the topology's warm-up. */
  ClientWarmUp(AggregatorProperties properties, KafkaProperties kafka) {
    super(0);
    this.properties = properties;
    this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
  }

  @Override
  protected void run() {
    int records = properties.clientWarmUpRecords();
    if (records > 0) {
      long started = System.nanoTime();
      KafkaRoundTrip.run(bootstrapServers, TOPIC, records);
      log.info("Warmed up the Kafka clients with {} records in {} ms", records, (System.nanoTime() - started) / 1_000_000);
    }
  }
}

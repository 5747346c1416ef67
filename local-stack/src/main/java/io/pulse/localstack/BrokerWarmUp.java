package io.pulse.localstack;

import io.pulse.contracts.warmup.KafkaRoundTrip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records through the broker and reads them back before the launcher reports ready: the
 * broker runs in this JVM, and a freshly started one JIT-compiled its produce and fetch paths during
 * the first minute of load, on the cores the services needed (docs/benchmark.md). The records go to
 * a topic of their own, deleted afterwards. Only the launcher does this; tests start a cold broker.
 */
final class BrokerWarmUp {

  private static final Logger log = LoggerFactory.getLogger(BrokerWarmUp.class);
  private static final String TOPIC = "local-stack-warm-up";

  private BrokerWarmUp() {
  }

  static void run(String bootstrapServers, int records) {
    if (records <= 0) {
      return;
    }
    long started = System.nanoTime();
    KafkaRoundTrip.run(bootstrapServers, TOPIC, records);
    log.info("Warmed up the broker with {} records in {} ms", records, (System.nanoTime() - started) / 1_000_000);
  }
}

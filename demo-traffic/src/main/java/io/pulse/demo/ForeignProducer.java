package io.pulse.demo;

import io.pulse.contracts.topic.Topics;
import io.pulse.demo.TrafficModel.Poison;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one part of the demo that does not go through ingest, on purpose. Ingest refuses a malformed event with a
 * 400 and never lets it into Kafka, so the only way poison reaches the events topic is a producer that bypasses
 * the API: an old service, a bad deploy, a hand-typed {@code kafka-console-producer}. This plays that producer,
 * rarely, so the aggregator's dead-letter path ({@code events-dlq}, with the reason in a header) has something
 * to show. Everything else the demo sends uses the public API.
 */
final class ForeignProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  ForeignProducer(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "pulse-demo-foreign-producer",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Writes the record to the events topic, keyed like ingest keys events (by user), and waits for the ack. */
  void send(Poison poison) throws InterruptedException, ExecutionException, TimeoutException {
    producer.send(new ProducerRecord<>(Topics.EVENTS.name(), poison.key(), poison.value())).get(40, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}

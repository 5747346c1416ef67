package io.pulse.ingest.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.stereotype.Component;

/**
 * Replaces spring-kafka's default LoggingProducerListener, which logs a stack trace for every failed
 * record: in an outage every buffered record fails, so a few 10,000-event batches would flood the
 * log. Here every failure is counted ({@code pulse_ingest_produce_failures_total{exception}}) and
 * logged at most once per interval with the number left unlogged. The requests themselves learn
 * of failures through their futures (503).
 */
@Component
class ProducerFailureLog implements ProducerListener<Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(ProducerFailureLog.class);
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final MeterRegistry registry;
  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong unlogged = new AtomicLong();

  ProducerFailureLog(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
    Counter.builder("pulse.ingest.produce.failures")
        .description("Records Kafka did not acknowledge, by exception")
        .tag("exception", cause.getClass().getSimpleName())
        .register(registry)
        .increment();
    long last = lastLogged.get();
    long now = System.nanoTime();
    if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
      log.warn("Kafka did not acknowledge a record for topic {} ({} more failures since the last report)",
          record.topic(), unlogged.getAndSet(0), exception);
    } else {
      unlogged.incrementAndGet();
    }
  }
}

package io.pulse.ingest.kafka;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.metrics.IngestMetrics;
import io.pulse.ingest.web.Problems;
import io.pulse.ingest.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a request's records and returns only when Kafka acknowledged every one of them
 * (acks=all, see {@link ProducerSettings}). Throws a 429 problem when too many records are already
 * in flight and a 503 problem when any send fails or the acknowledgements take longer than
 * {@code pulse.ingest.kafka.send-timeout}. After a 503 some records may still have been written:
 * clients retry the whole batch and the aggregator deduplicates by eventId.
 */
@Component
public class KafkaPublisher {

  private final KafkaTemplate<String, byte[]> template;
  private final InFlightLimiter inFlight;
  private final IngestMetrics metrics;
  private final Duration sendTimeout;
  private final Duration retryAfter;

  public KafkaPublisher(
      KafkaTemplate<String, byte[]> template, InFlightLimiter inFlight, IngestMetrics metrics, IngestProperties properties) {
    this.template = template;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.sendTimeout = properties.kafka().sendTimeout();
    this.retryAfter = properties.kafka().retryAfter();
  }

  public void publishAll(List<ProducerRecord<String, byte[]>> records) {
    if (!inFlight.tryAcquire(records.size())) {
      throw Problems.tooManyInFlight(records.size());
    }
    long started = System.nanoTime();
    long deadline = started + sendTimeout.toNanos();
    boolean acknowledged = false;
    try {
      List<CompletableFuture<?>> acks = sendAll(records, deadline);
      awaitAll(acks, deadline);
      if (acks.size() < records.size()) {
        throw unavailable("sending took longer than " + sendTimeout, null);
      }
      acknowledged = true;
    } finally {
      metrics.produceLatency(Duration.ofNanos(System.nanoTime() - started), acknowledged);
    }
  }

  /**
   * Hands records to the producer; each one's permit is returned when its acknowledgement (or
   * failure) arrives. Stops at the first failed send or at the deadline: with the broker gone every
   * further send could block for max.block.ms.
   */
  private List<CompletableFuture<?>> sendAll(List<ProducerRecord<String, byte[]>> records, long deadline) {
    List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
    try {
      for (ProducerRecord<String, byte[]> record : records) {
        CompletableFuture<?> ack = send(record);
        ack.whenComplete((result, error) -> inFlight.release(1));
        acks.add(ack);
        if (ack.isCompletedExceptionally() || System.nanoTime() - deadline > 0) {
          break;
        }
      }
    } finally {
      inFlight.release(records.size() - acks.size()); // permits of records never handed over
    }
    return acks;
  }

  private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
    try {
      return template.send(record);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Waits for every acknowledgement, failing as soon as one send fails. */
  private void awaitAll(List<CompletableFuture<?>> acks, long deadline) {
    CompletableFuture<Void> all = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    acks.forEach(ack -> ack.whenComplete((result, error) -> {
      if (error != null) {
        all.completeExceptionally(error);
      }
    }));
    try {
      all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e.getCause());
      throw unavailable("Kafka did not acknowledge every record: " + cause.getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unavailable("Kafka did not acknowledge every record within " + sendTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka", e);
    }
  }

  private ProblemException unavailable(String detail, Throwable cause) {
    return Problems.kafkaUnavailable(detail, retryAfter, cause);
  }
}

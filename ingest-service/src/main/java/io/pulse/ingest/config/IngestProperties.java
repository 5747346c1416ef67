package io.pulse.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code pulse.ingest}. Defaults live here (not only in application.yml) so the
 * service behaves the same when embedded by another module with its own configuration files.
 *
 * @param apiKeys accepted values of the {@code X-Api-Key} header (env {@code PULSE_INGEST_API_KEYS},
 *                comma-separated). Required: the service refuses to start without one.
 * @param warmUpRequests synthetic batches (one in four of 100 events, the others of 5) sent to the
 *                service's own validation endpoint before it reports healthy, so the JIT has compiled
 *                the request path before the first load; 0 turns the warm-up off
 * @param liveWarmUp send those batches through {@code POST /v1/events} and Kafka instead, to a topic of
 *                their own ({@code pulse-ingest-warm-up}, emptied afterwards), so the producer path is
 *                compiled too. Off by default because it adds a topic: the launchers whose broker is
 *                the platform's own ({@code ./run-local.sh}, docker compose) turn it on
 */
@Validated
@ConfigurationProperties("pulse.ingest")
public record IngestProperties(
    @NotEmpty(message = "no API keys configured: set pulse.ingest.api-keys "
        + "(env PULSE_INGEST_API_KEYS=key1,key2); the ingest endpoints never run unauthenticated")
    List<@NotBlank(message = "API keys must not be blank") String> apiKeys,
    @Valid @DefaultValue Limits limits,
    @Valid @DefaultValue Kafka kafka,
    @DefaultValue("8000") @PositiveOrZero int warmUpRequests,
    @DefaultValue("false") boolean liveWarmUp) {

  /**
   * What one request may carry and how much may be in flight at once.
   *
   * @param maxBodySize       larger bodies get 413; enforced while reading
   * @param maxBatchEvents    more events in one request get 400 batch-too-large
   * @param maxFutureSkew     event times further ahead of our clock get 400 future-timestamp
   * @param maxInFlightEvents events sent but not yet acknowledged by Kafka; beyond it, 429
   * @param eventsPerSecondPerKey sustained event rate each API key may send (token bucket); beyond it,
   *                          429 rate-limited with Retry-After; 0 turns the limit off
   * @param burstEventsPerKey how many events a key may send at once before the rate applies
   * @param maxInFlightBytes  request bodies (declared or, when chunked, max-body-size each) being
   *                          processed at once; beyond it, 429 — bounds memory however many threads
   */
  public record Limits(
      @DefaultValue("5MB") @NotNull DataSize maxBodySize,
      @DefaultValue("10000") @Positive int maxBatchEvents,
      @DefaultValue("5m") @NotNull Duration maxFutureSkew,
      @DefaultValue("50000") @Positive int maxInFlightEvents,
      @DefaultValue("100000") @PositiveOrZero int eventsPerSecondPerKey,
      @DefaultValue("200000") @Positive int burstEventsPerKey,
      @DefaultValue("32MB") @NotNull DataSize maxInFlightBytes) {

    /** Otherwise a body of the maximum size could never be taken in. */
    @AssertTrue(message = "max-in-flight-bytes must be at least max-body-size")
    public boolean isInFlightBytesAtLeastOneBody() {
      return maxInFlightBytes == null || maxBodySize == null || maxInFlightBytes.compareTo(maxBodySize) >= 0;
    }

    /** Otherwise a full-size batch could never pass the rate limit and would always get 429. */
    @AssertTrue(message = "burst-events-per-key must be at least max-batch-events")
    public boolean isBurstAtLeastOneBatch() {
      return eventsPerSecondPerKey == 0 || burstEventsPerKey >= maxBatchEvents;
    }

    /** Bodies are buffered in one byte array. */
    @AssertTrue(message = "max-body-size must be at most 1GB")
    public boolean isBodySizeBufferable() {
      return maxBodySize == null || maxBodySize.compareTo(DataSize.ofGigabytes(1)) <= 0;
    }

    /** Otherwise a full-size batch could never get its permits and would always get 429. */
    @AssertTrue(message = "max-in-flight-events must be at least max-batch-events")
    public boolean isInFlightLimitAtLeastOneBatch() {
      return maxInFlightEvents >= maxBatchEvents;
    }
  }

  /**
   * Publishing settings beyond the producer's own (those are under {@code spring.kafka.producer}).
   *
   * @param sendTimeout        how long a request waits for all acks before answering 503
   * @param retryAfter         the Retry-After sent with 503
   * @param healthTimeout      bound on the health check's describeCluster call
   */
  public record Kafka(
      @DefaultValue("10s") @NotNull Duration sendTimeout,
      @DefaultValue("5s") @NotNull Duration retryAfter,
      @DefaultValue("2s") @NotNull Duration healthTimeout) {}
}

package io.pulse.ingest.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.ingest.config.IngestProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Bounds the records handed to the producer but not yet acknowledged. When Kafka slows down the
 * permits run out and requests get 429 at once, instead of piling up threads and buffered bodies.
 */
@Component
public class InFlightLimiter {

  private final int capacity;
  private final Semaphore permits;

  public InFlightLimiter(IngestProperties properties, MeterRegistry registry) {
    this.capacity = properties.limits().maxInFlightEvents();
    this.permits = new Semaphore(capacity);
    Gauge.builder("pulse.ingest.in.flight", this, InFlightLimiter::inFlight)
        .description("Records sent to Kafka and not yet acknowledged")
        .register(registry);
  }

  /** Never waits: a full pipeline is the client's signal to back off, not ours to queue. */
  public boolean tryAcquire(int records) {
    return permits.tryAcquire(records);
  }

  public void release(int records) {
    if (records > 0) {
      permits.release(records);
    }
  }

  public int inFlight() {
    return capacity - permits.availablePermits();
  }
}

package io.pulse.ingest.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.ingest.config.IngestProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The bytes of request bodies being processed at once. Every body is held in memory several times
 * over (raw, parsed, serialized for Kafka), so without this bound the heap is only limited by the
 * number of request threads times the body limit: a flood of large batches filled 95% of a 512 MB
 * heap (IngestFloodIT). Never waits: an exhausted budget is a 429 for the client to retry.
 */
@Component
public class BodyBudget {

  private final int capacity;
  private final Semaphore bytes;

  public BodyBudget(IngestProperties properties, MeterRegistry registry) {
    this.capacity = (int) Math.min(Integer.MAX_VALUE, properties.limits().maxInFlightBytes().toBytes());
    this.bytes = new Semaphore(capacity);
    Gauge.builder("pulse.ingest.in.flight.bytes", this, BodyBudget::inUse)
        .description("Request body bytes being processed")
        .baseUnit("bytes")
        .register(registry);
  }

  public boolean tryAcquire(int requested) {
    return bytes.tryAcquire(requested);
  }

  public void release(int acquired) {
    if (acquired > 0) {
      bytes.release(acquired);
    }
  }

  public int inUse() {
    return capacity - bytes.availablePermits();
  }
}

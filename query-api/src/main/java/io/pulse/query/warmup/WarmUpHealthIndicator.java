package io.pulse.query.warmup;

import io.pulse.query.QueryProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health "warmUp": DOWN until {@link WarmUp} has sent its requests, so /actuator/health answers 503 and launchers,
 * load balancers and the benchmark send no load to a service that would still be compiling its hot paths. UP from
 * the start when the warm-up is off.
 */
@Component
class WarmUpHealthIndicator implements HealthIndicator {

  private final int planned;
  private final AtomicInteger sent = new AtomicInteger();
  private volatile boolean finished;

  WarmUpHealthIndicator(QueryProperties properties) {
    this.planned = properties.warmUpRequests();
    this.finished = planned == 0;
  }

  void sent() {
    sent.incrementAndGet();
  }

  /** Whether it went well or not: a failed warm-up only leaves the service cold, never unhealthy. */
  void finished() {
    finished = true;
  }

  @Override
  public Health health() {
    if (finished) {
      return Health.up().withDetail("requests", sent.get()).build();
    }
    return Health.down().withDetail("waiting", "for the warm-up: " + sent.get() + " of " + planned + " requests sent").build();
  }
}

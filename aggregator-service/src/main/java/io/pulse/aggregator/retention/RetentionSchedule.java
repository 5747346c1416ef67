package io.pulse.aggregator.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.clickhouse.RetentionProperties;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link RetentionEnforcer} at start-up and then every {@code pulse.retention.interval}, on
 * its own thread. A failed run (ClickHouse away, a partition over the server's
 * {@code max_partition_size_to_drop}) is logged with its cause, counted, and retried at the next run.
 */
@Component
class RetentionSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

  private final RetentionEnforcer enforcer;
  private final RetentionProperties properties;
  private final Counter failures;
  private volatile ScheduledExecutorService executor;

  RetentionSchedule(RetentionEnforcer enforcer, RetentionProperties properties, MeterRegistry registry) {
    this.enforcer = enforcer;
    this.properties = properties;
    this.failures = Counter.builder("pulse.retention.failures")
        .description("retention runs that failed; the next run retries")
        .register(registry);
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Retention is off (pulse.retention.enabled=false): events, window_aggregates and late_events grow forever");
      return;
    }
    log.info("Retention: events {}, window_aggregates {}, late_events {}; checked every {}",
        RetentionProperties.iso(properties.events()), RetentionProperties.iso(properties.windowAggregates()),
        RetentionProperties.iso(properties.lateEvents()), properties.interval());
    executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention").daemon().factory());
    executor.scheduleWithFixedDelay(this::runOnce, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    try {
      enforcer.enforce(Instant.now());
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Retention run failed; retrying in {}", properties.interval(), e);
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}

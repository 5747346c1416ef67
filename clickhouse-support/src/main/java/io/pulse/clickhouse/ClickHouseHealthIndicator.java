package io.pulse.clickhouse;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up when ClickHouse answers a ping within a second. */
public class ClickHouseHealthIndicator implements HealthIndicator {

  private final ClickHouse clickHouse;

  public ClickHouseHealthIndicator(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  @Override
  public Health health() {
    return clickHouse.ping(1000) ? Health.up().build() : Health.down().withDetail("ping", "no answer within 1 s").build();
  }
}

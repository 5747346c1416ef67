package io.pulse.query.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.query.QueryProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class WarmUpHealthIndicatorTest {

  @Test
  void isDownWithItsProgressUntilTheWarmUpHasFinished() {
    WarmUpHealthIndicator indicator = new WarmUpHealthIndicator(properties(3));
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails()).containsEntry("waiting", "for the warm-up: 0 of 3 requests sent");

    indicator.sent();
    indicator.sent();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails()).containsEntry("waiting", "for the warm-up: 2 of 3 requests sent");

    indicator.finished(); // after 2 of 3: a warm-up cut short leaves the service cold, not unhealthy
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("requests", 2);
  }

  @Test
  void isUpFromTheStartWhenTheWarmUpIsOff() {
    assertThat(new WarmUpHealthIndicator(properties(0)).health().getStatus()).isEqualTo(Status.UP);
  }

  private static QueryProperties properties(int warmUpRequests) {
    return new Binder(new MapConfigurationPropertySource(Map.of("pulse.query.warm-up-requests", warmUpRequests)))
        .bindOrCreate("pulse.query", QueryProperties.class);
  }
}

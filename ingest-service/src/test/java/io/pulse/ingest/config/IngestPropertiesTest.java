package io.pulse.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Test
  void startupFailsWithAClearMessageWhenNoApiKeyIsConfigured() {
    runner.run(context -> assertThat(context).getFailure()
        .rootCause()
        .hasMessageContaining("no API keys configured")
        .hasMessageContaining("PULSE_INGEST_API_KEYS"));
  }

  @Test
  void defaultsApplyWhenOnlyKeysAreGiven() {
    runner.withPropertyValues("pulse.ingest.api-keys=a,b").run(context -> {
      IngestProperties properties = context.getBean(IngestProperties.class);
      assertThat(properties.apiKeys()).containsExactly("a", "b");
      assertThat(properties.limits().maxBodySize()).isEqualTo(DataSize.ofMegabytes(5));
      assertThat(properties.limits().maxBatchEvents()).isEqualTo(10_000);
      assertThat(properties.limits().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
      assertThat(properties.limits().maxInFlightEvents()).isEqualTo(50_000);
      assertThat(properties.kafka().sendTimeout()).isEqualTo(Duration.ofSeconds(10));
    });
  }

  @Test
  void anInFlightLimitBelowOneBatchIsRefused() {
    runner.withPropertyValues("pulse.ingest.api-keys=a", "pulse.ingest.limits.max-in-flight-events=10")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("max-in-flight-events must be at least max-batch-events"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IngestProperties.class)
  static class Bind {}
}

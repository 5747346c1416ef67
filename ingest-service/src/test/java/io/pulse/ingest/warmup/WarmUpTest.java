package io.pulse.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngestIntegrationTest
class WarmUpTest {

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;
  @Autowired IngestProperties properties;

  @Test
  void theServiceSentItsWarmUpBatchesThroughValidationBeforeItReportedHealthy() {
    long validations = registry.get("http.server.requests").tag("uri", "/v1/events/validate").tag("status", "200")
        .timers().stream().mapToLong(Timer::count).sum();
    var health = new IngestClient(port).get("/actuator/health");

    assertThat(validations).isGreaterThanOrEqualTo(IngestClient.WARM_UP_REQUESTS);
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().path("components").path("warmUp").path("status").asString()).isEqualTo("UP");
  }

  @Test
  void reportsDownUntilItHasRun() {
    WarmUp warmUp = new WarmUp(null, new IngestProperties(List.of("k"), null, null, 10, false), null, null, null, null);

    assertThat(warmUp.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(warmUp.health().getDetails()).containsEntry("warming up", "0 of 10 requests");
  }
}

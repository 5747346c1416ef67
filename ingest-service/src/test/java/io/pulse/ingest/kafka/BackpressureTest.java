package io.pulse.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.SampleEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngestIntegrationTest
class BackpressureTest {

  @LocalServerPort int port;
  @Autowired InFlightLimiter inFlight;
  @Autowired IngestProperties properties;

  @Test
  void requestsGet429WhileTheInFlightLimitIsExhaustedAndSucceedAfterwards() {
    IngestClient client = new IngestClient(port);
    int held = properties.limits().maxInFlightEvents() - 1; // leave one permit: a single event fits, two do not
    assertThat(inFlight.tryAcquire(held)).isTrue();
    try {
      var refused = client.postEvents(IngestClient.JSON, SampleEvents.array(2));

      assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().path("type").asString()).isEqualTo("https://pulse.dev/problems/too-many-in-flight");
      assertThat(client.postEvents(IngestClient.JSON, SampleEvents.event("fits")).status()).isEqualTo(202);
    } finally {
      inFlight.release(held);
    }
    assertThat(client.postEvents(IngestClient.JSON, SampleEvents.array(2)).status()).isEqualTo(202);
    assertThat(inFlight.inFlight()).isZero();
  }
}

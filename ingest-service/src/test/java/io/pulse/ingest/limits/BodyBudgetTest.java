package io.pulse.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.SampleEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngestIntegrationTest
class BodyBudgetTest {

  @LocalServerPort int port;
  @Autowired BodyBudget budget;
  @Autowired IngestProperties properties;

  /**
   * A body refused for the budget is never read by the application, yet the client must still get
   * its 429: the server drains the unread upload instead of resetting the connection under the
   * client's feet (seen as "header parser received no bytes" in IngestFloodIT before the fix).
   */
  @Test
  void largeBodiesRefusedForTheBudgetAllGetTheirAnswerOnTheSameConnection() {
    IngestClient client = new IngestClient(port);
    byte[] body = SampleEvents.array(10_000).replace("\"red\"", "\"" + "r".repeat(200) + "\"")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).as("under the body limit, over Tomcat's default 2 MB swallow limit")
        .isBetween(3_000_000, 5_000_000);
    int held = (int) properties.limits().maxInFlightBytes().toBytes() - body.length + 1;
    assertThat(budget.tryAcquire(held)).isTrue();
    try {
      for (int i = 0; i < 20; i++) {
        var refused = client.postEvents(IngestClient.JSON, body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().path("type").asString()).isEqualTo("https://pulse.dev/problems/too-many-bytes-in-flight");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Connection")).as("the connection is kept, not cut mid-upload").isNull();
      }
    } finally {
      budget.release(held);
    }
    assertThat(client.postEvents(IngestClient.JSON, SampleEvents.array(2)).status()).isEqualTo(202);
    assertThat(budget.inUse()).isZero();
  }
}

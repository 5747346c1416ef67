package io.pulse.ingest.auth;

import static io.pulse.ingest.support.IngestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.SampleEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IngestIntegrationTest
class ApiKeyAuthTest {

  private static final byte[] EVENT = SampleEvents.event("auth-user").getBytes(StandardCharsets.UTF_8);

  @LocalServerPort int port;
  IngestClient client;

  @BeforeEach
  void connect() {
    client = new IngestClient(port);
  }

  @Test
  void missingKeyIsRefusedWith401() {
    var response = client.send("POST", "/v1/events", EVENT, IngestClient.headers(JSON, null));

    assertUnauthorized(response, "missing-api-key");
  }

  @Test
  void wrongKeyIsRefusedWith401() {
    var response = client.send("POST", "/v1/events", EVENT, IngestClient.headers(JSON, IngestClient.API_KEY + "x"));

    assertUnauthorized(response, "invalid-api-key");
  }

  @Test
  void authIsCheckedBeforeTheContentType() {
    var response = client.send("POST", "/v1/events", EVENT, IngestClient.headers("text/plain", null));

    assertUnauthorized(response, "missing-api-key");
  }

  @Test
  void profilesNeedAKeyToo() {
    var response = client.send("PUT", "/v1/users/u1", "{\"country\":\"DE\",\"plan\":\"pro\"}".getBytes(StandardCharsets.UTF_8),
        IngestClient.headers(JSON, "nope"));

    assertUnauthorized(response, "invalid-api-key");
  }

  @Test
  void everyConfiguredKeyIsAccepted() {
    var response = client.send("POST", "/v1/events", EVENT, IngestClient.headers(JSON, IngestClient.SECOND_API_KEY));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
  }

  @Test
  void actuatorStaysOpen() {
    assertThat(client.get("/actuator/health").status()).isEqualTo(200);
    assertThat(client.get("/actuator/prometheus").status()).isEqualTo(200);
  }

  private static void assertUnauthorized(IngestClient.Response response, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).contains("X-Api-Key");
    JsonNode problem = response.json();
    assertThat(problem.path("type").asString()).isEqualTo("https://pulse.dev/problems/" + code);
    assertThat(problem.path("status").intValue()).isEqualTo(401);
  }
}

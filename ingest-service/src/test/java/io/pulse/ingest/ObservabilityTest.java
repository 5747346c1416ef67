package io.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.SampleEvents;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IngestIntegrationTest
class ObservabilityTest {

  @LocalServerPort int port;
  IngestClient client;

  @BeforeEach
  void connect() {
    client = new IngestClient(port);
  }

  @Test
  void prometheusShowsEventsRequestsRejectionsBytesAndProduceLatency() {
    double eventsBefore = sample("pulse_ingest_events_total\\{[^}]*}");
    double missingFieldBefore = sample("pulse_ingest_rejections_total\\{[^}]*reason=\"missing-field\"[^}]*}");

    assertThat(client.postEvents(IngestClient.JSON, SampleEvents.array(4)).status()).isEqualTo(202);
    assertThat(client.postEvents(IngestClient.JSON, "{\"eventId\":\"x\"}").status()).isEqualTo(400);

    assertThat(sample("pulse_ingest_events_total\\{[^}]*}")).isEqualTo(eventsBefore + 4);
    assertThat(sample("pulse_ingest_rejections_total\\{[^}]*reason=\"missing-field\"[^}]*}")).isEqualTo(missingFieldBefore + 1);
    assertThat(sample("pulse_ingest_requests_total\\{[^}]*outcome=\"accepted\"[^}]*}")).isPositive();
    assertThat(sample("pulse_ingest_requests_total\\{[^}]*outcome=\"rejected\"[^}]*}")).isPositive();
    assertThat(sample("pulse_ingest_bytes_total\\{[^}]*}")).isPositive();
    assertThat(sample("pulse_ingest_produce_latency_seconds_count\\{[^}]*outcome=\"success\"[^}]*}")).isPositive();
    assertThat(scrape()).contains("application=\"ingest-service\"")
        .as("no Logback metrics: their turbo filter runs on every Kafka client log check").doesNotContain("logback_events_total");
  }

  @Test
  void healthShowsKafkaUp() {
    var response = client.get("/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    JsonNode kafka = response.json().path("components").path("kafka");
    assertThat(kafka.path("status").asString()).isEqualTo("UP");
    assertThat(kafka.path("details").path("nodes").intValue()).isEqualTo(1);
  }

  private String scrape() {
    var response = client.get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }

  /** The value of the first sample matching {@code series}; 0 when it is not there yet. */
  private double sample(String series) {
    Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}

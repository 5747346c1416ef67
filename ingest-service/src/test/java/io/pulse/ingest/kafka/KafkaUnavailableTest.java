package io.pulse.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.SampleEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** No broker at all: requests must fail fast with 503 and Retry-After, and health must say DOWN. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "pulse.ingest.api-keys=" + IngestClient.API_KEY,
        "pulse.ingest.kafka.send-timeout=3s",
        "pulse.ingest.kafka.retry-after=7s",
        "pulse.ingest.kafka.health-timeout=500ms",
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.producer.properties.max.block.ms=500"
    })
class KafkaUnavailableTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void deadBroker(DynamicPropertyRegistry registry) throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort(); // closed again: nothing listens there
    }
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + freePort);
  }

  @Test
  void eventsGet503WithRetryAfterWithinTheSendTimeout() {
    IngestClient client = new IngestClient(port);
    long started = System.nanoTime();

    var response = client.postEvents(IngestClient.JSON, SampleEvents.array(50));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(response.status()).as(response.toString()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("7");
    assertThat(response.json().path("type").asString()).isEqualTo("https://pulse.dev/problems/kafka-unavailable");
  }

  @Test
  void healthIsDownWithoutABroker() {
    var response = new IngestClient(port).get("/actuator/health");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().path("components").path("kafka").path("status").asString()).isEqualTo("DOWN");
  }
}

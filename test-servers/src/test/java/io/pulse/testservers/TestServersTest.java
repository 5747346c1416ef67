package io.pulse.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Both back ends give what the integration tests rely on. This class runs before every module that
 * uses the servers, so under {@code -Pcontainers} without Docker the build stops here, saying why.
 */
class TestServersTest {

  @Test
  void aClickHouseServerAnswersItsUsersQueries() throws Exception {
    try (ClickHouseServer server = TestServers.startClickHouse();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      String credentials = Base64.getEncoder()
          .encodeToString((server.username() + ":" + server.password()).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/"))
          .header("Authorization", "Basic " + credentials)
          .POST(HttpRequest.BodyPublishers.ofString("SELECT 40 + 2")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body().strip()).isEqualTo("42");
      assertThat(server.environment()).containsEntry("PULSE_CLICKHOUSE_URL", server.httpUrl())
          .containsEntry("PULSE_CLICKHOUSE_USERNAME", server.username());
    }
  }

  @Test
  void aKafkaBrokerAnswersAndCreatesNoTopicOnFirstUse() throws Exception {
    try (KafkaServer server = TestServers.startKafka();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers()))) {
      String broker = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().idString();
      ConfigResource config = new ConfigResource(ConfigResource.Type.BROKER, broker);

      assertThat(admin.describeConfigs(java.util.List.of(config)).all().get(30, TimeUnit.SECONDS).get(config)
          .get("auto.create.topics.enable").value()).isEqualTo("false");
    }
  }

  @Test
  void theContainersAreTheImagesDockerComposeRuns() {
    String compose = """
        services:
          kafka:
            image: apache/kafka:4.3.1
          clickhouse:
            image: "clickhouse/clickhouse-server:25.8"
        """;

    assertThat(ComposeImages.image(compose, ComposeImages.KAFKA)).isEqualTo("apache/kafka:4.3.1");
    assertThat(ComposeImages.image(compose, ComposeImages.CLICKHOUSE)).isEqualTo("clickhouse/clickhouse-server:25.8");
    assertThat(ComposeImages.image(ComposeImages.CLICKHOUSE)).startsWith(ComposeImages.CLICKHOUSE + ":");
    assertThat(ComposeImages.image(ComposeImages.KAFKA)).startsWith(ComposeImages.KAFKA + ":");
  }

  @Test
  void localIsTheDefaultAndAnUnknownChoiceIsAnError() {
    assertThat(TestServers.mode("")).isEqualTo(TestServers.Mode.LOCAL);
    assertThat(TestServers.mode(" containers ")).isEqualTo(TestServers.Mode.CONTAINERS);
    assertThatThrownBy(() -> TestServers.mode("docker")).hasMessageContaining("'local' or 'containers'");
  }
}

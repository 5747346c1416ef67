package io.pulse.query.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.SchemaMigrator;
import io.pulse.query.QueryApplication;
import io.pulse.query.TestData;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warm-up of a query API started here (not by {@code @SpringBootTest}), each on a ClickHouse server of its own,
 * started empty: what it holds is set up before the warm-up reads it (the tests' shared server holds every other
 * class's aggregations), and health is asked for once the server listens, before the warm-up starts, as a launcher
 * polling it would.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmUpTest {

  private static final String LISTING = "/v1/aggregations";
  private static final String BOARDS = "/v1/leaderboards/{aggregation}";
  private static final String SERIES = "/v1/aggregations/{aggregation}/series";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void asksForTheBoardsOfAFreshPlatformBeforeItReportsHealthy() {
    try (ClickHouseServer server = TestServers.startClickHouse()) {
      try (ClickHouse clickHouse = migrated(server)) {
        // declared by the aggregator, no rows yet
        TestData.tumbling(clickHouse, "wu-tumbling", "[]");
        TestData.define(clickHouse, "wu-sliding", "{\"type\":\"SLIDING\",\"size\":\"PT5M\"}", "[]", "entityId", "COUNT");
        TestData.define(clickHouse, "wu-sessions", "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[]", "userId", "COUNT");
      }
      List<HttpResponse<String>> healthWhileListening = new ArrayList<>();
      try (ConfigurableApplicationContext app = start(server, 48, port -> healthWhileListening.add(health(port)))) {
        assertThat(healthWhileListening).singleElement().satisfies(health -> {
          assertThat(health.statusCode()).isEqualTo(503);
          assertThat(warmUp(health)).isEqualTo(JSON.readTree(
              "{\"status\":\"DOWN\",\"details\":{\"waiting\":\"for the warm-up: 0 of 48 requests sent\"}}"));
        });
        // 12 rounds of 4: the list, the top-10 of each aggregation with boards (sessions have none), one's series
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(requests(registry, LISTING, "200")).isEqualTo(12);
          assertThat(requests(registry, BOARDS, "200")).isEqualTo(24);
          assertThat(requests(registry, SERIES, "200")).isEqualTo(12);
        });
        HttpResponse<String> health = health(port(app));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(warmUp(health)).isEqualTo(JSON.readTree("{\"status\":\"UP\",\"details\":{\"requests\":48}}"));
      }
    }
  }

  @Test
  void warmsUpWhatThereIsWhenNothingIsDeclaredYet(CapturedOutput output) {
    // not even the tables: the service creates them at start-up, as on a platform started for the first time
    try (ClickHouseServer server = TestServers.startClickHouse();
        ConfigurableApplicationContext app = start(server, 5, port -> { })) {
      MeterRegistry registry = app.getBean(MeterRegistry.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> requests(registry, LISTING, "200") == 5);
      assertThat(requests(registry, BOARDS, "200")).isZero();
      assertThat(output).contains("Warmed up with 5 requests in ").contains("(boards of 0 aggregations)");
      assertThat(health(port(app)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRequestThatFailsIsLoggedOnceAndNotSentAgain(CapturedOutput output) {
    try (ClickHouseServer server = TestServers.startClickHouse()) {
      try (ClickHouse clickHouse = migrated(server)) {
        TestData.tumbling(clickHouse, "wu-unreadable", "[]");
        clickHouse.execute("DROP TABLE window_aggregates"); // the list still answers; its board and series fail
      }
      try (ConfigurableApplicationContext app = start(server, 12, port -> { })) {
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(registry, LISTING, "200") == 10);
        assertThat(requests(registry, BOARDS, "503")).isOne();
        assertThat(requests(registry, SERIES, "503")).isOne();
        assertThat(output.getOut().split("GET /v1/leaderboards/wu-unreadable\\?limit=10 answered 503", -1)).hasSize(2);
        assertThat(output).contains("GET /v1/aggregations/wu-unreadable/series?key=warm-up answered 503")
            .contains("Warmed up with 12 requests in ").contains("(boards of 1 aggregations; 2 requests failed, see above)");
        assertThat(health(port(app)).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aWarmUpThatCannotReadTheCatalogIsLoggedWithItsCauseAndTheServiceStarts(CapturedOutput output) {
    try (ClickHouseServer server = TestServers.startClickHouse();
        ConfigurableApplicationContext app = start(server, 5, port -> { }, "--pulse.clickhouse.migrate=false")) {
      assertThat(output).contains("Warm-up failed; the service starts colder")
          .contains("aggregation_definitions doesn't exist"); // the cause, from ClickHouse
      assertThat(warmUp(health(port(app))).get("status").asString()).isEqualTo("UP");
    }
  }

  private static ConfigurableApplicationContext start(ClickHouseServer server, int warmUpRequests,
      IntConsumer whenListening, String... more) {
    List<String> args = new ArrayList<>();
    server.springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
    args.addAll(List.of("--server.port=0", "--pulse.query.warm-up-requests=" + warmUpRequests));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(QueryApplication.class)
        .listeners(event -> {
          if (event instanceof WebServerInitializedEvent listening) {
            whenListening.accept(listening.getWebServer().getPort());
          }
        })
        .run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /** Completed requests to {@code uri} (the endpoint's pattern) answered with {@code status}. */
  private static long requests(MeterRegistry registry, String uri, String status) {
    return registry.find("http.server.requests").tag("uri", uri).tag("status", status).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  private static HttpResponse<String> health(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET /actuator/health failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonNode warmUp(HttpResponse<String> health) {
    return JSON.readTree(health.body()).get("components").get("warmUp");
  }

  /** A client set up like the service's (ClickHouseAutoConfiguration), the schema applied. */
  private static ClickHouse migrated(ClickHouseServer server) {
    ClickHouse clickHouse = new ClickHouse(new Client.Builder().addEndpoint(server.httpUrl())
        .setUsername(server.username()).setPassword(server.password())
        .compressServerResponse(false).compressClientRequest(false)
        .serverSetting("output_format_json_quote_64bit_integers", "0").build(), 30_000);
    new SchemaMigrator(clickHouse).migrate();
    return clickHouse;
  }
}

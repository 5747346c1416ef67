package io.pulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.clickhouse.ClickHouseAutoConfiguration;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;

/**
 * The query simulation's seeder, as docs/benchmark.md runs it (no credentials given), against a
 * ClickHouse with the platform's schema: the local one of ./run-local.sh by default, the image and
 * user docker-compose.yml runs under -Pcontainers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedWindowAggregatesTest {

  private ClickHouseServer server;
  private ApplicationContextRunner service;

  @BeforeAll
  void start() {
    server = TestServers.startClickHouse();
    service = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ClickHouseAutoConfiguration.class))
        .withPropertyValues(server.springPropertyValues());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void fillsEveryWindowOfEveryKeyAndDeclaresTheAggregationWithoutBeingToldHowToLogIn() {
    service.run(context -> {
      ClickHouse clickHouse = context.getBean(ClickHouse.class);   // starting it applied the schema

      SeedWindowAggregates.run(new String[] {"--clickhouse", server.httpUrl(), "--aggregation", "seed-test",
          "--windows", "30", "--keys", "7"}, Map.of());

      Map<String, Object> params = Map.of("aggregation", "seed-test");
      JsonNode rows = clickHouse.query("""
          SELECT count() AS windows_and_keys, uniqExact(window_start_ms) AS windows, sum(is_final) AS closed
          FROM window_aggregates FINAL WHERE aggregation = :aggregation""", params).get(0);
      assertThat(rows.get("windows_and_keys").asLong()).isEqualTo(30 * 7);
      assertThat(rows.get("windows").asLong()).isEqualTo(30);
      assertThat(rows.get("closed").asLong()).as("all but the newest window final").isEqualTo(29 * 7);
      assertThat(clickHouse.query("SELECT name FROM aggregation_definitions WHERE name = :aggregation", params)).hasSize(1);
      assertThat(clickHouse.query("SELECT count() AS late FROM late_events WHERE aggregation = :aggregation", params)
          .get(0).get("late").asLong()).isEqualTo(25);
    });
  }

  @Test
  void aLoginGivenIsUsedAsItIsOptionsFirstThenTheEnvironment() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      Map<String, String> environment = Map.of("CLICKHOUSE_USER", "from-env", "CLICKHOUSE_PASSWORD", "env-secret");

      assertThat(SeedWindowAggregates.login(http, server.httpUrl(), Map.of("user", "someone", "password", "secret"),
          environment)).isEqualTo(new SeedWindowAggregates.Login("someone", "secret"));
      assertThat(SeedWindowAggregates.login(http, server.httpUrl(), Map.of(), environment))
          .isEqualTo(new SeedWindowAggregates.Login("from-env", "env-secret"));
      assertThat(SeedWindowAggregates.login(http, server.httpUrl(), Map.of(), Map.of()).user())
          .as("the default user that this server accepts").isEqualTo(server.username());
    }
  }
}

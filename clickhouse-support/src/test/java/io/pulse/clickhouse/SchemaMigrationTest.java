package io.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schema of infra/clickhouse as a service applies it at start-up, connected the way a service
 * connects (ClickHouseProperties: URL, user, password): on the local server by default, on the
 * image docker-compose.yml runs under -Pcontainers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMigrationTest {

  private static final List<String> TABLES =
      List.of("aggregation_definitions", "aggregation_progress", "events", "late_events", "schema_migrations", "window_aggregates");

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
  void aStartingServiceCreatesEveryTableAndRecordsEveryVersionOnce() {
    service.run(context -> {
      assertThat(context).hasNotFailed();
      ClickHouse clickHouse = context.getBean(ClickHouse.class);

      assertThat(names(clickHouse, "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"))
          .containsAll(TABLES);
      assertThat(names(clickHouse, "SELECT version AS name FROM schema_migrations FINAL ORDER BY version"))
          .containsExactlyElementsOf(versions());
      assertThat(context.getBean(ClickHouseHealthIndicator.class).health().getStatus().getCode()).isEqualTo("UP");
    });
  }

  @Test
  void theNextStartAppliesNothingAgain() {
    service.run(first -> assertThat(first).hasNotFailed());
    service.run(second -> {
      assertThat(second).hasNotFailed();
      ClickHouse clickHouse = second.getBean(ClickHouse.class);

      assertThat(names(clickHouse, "SELECT version AS name FROM schema_migrations ORDER BY version"))
          .as("one row per version, however many starts").containsExactlyElementsOf(versions());
    });
  }

  @Test
  void aColumnAnotherServiceAddedAMomentBeforeCountsAsAddedAndOtherErrorsStillStopTheStart() {
    service.run(context -> {
      SchemaMigrator migrator = new SchemaMigrator(context.getBean(ClickHouse.class));
      // V005 ran already; a second service that had not seen it recorded runs the same ALTER again
      migrator.execute("ALTER TABLE window_aggregates ADD COLUMN amended UInt8 DEFAULT 0");

      assertThatThrownBy(() -> migrator.execute("ALTER TABLE window_aggregates ADD COLUMN broken NoSuchType"))
          .isInstanceOf(ClickHouseException.class);
    });
  }

  @Test
  void theProgressViewFollowsInsertedWindowRows() {
    service.run(context -> {
      ClickHouse clickHouse = context.getBean(ClickHouse.class);
      clickHouse.insertJsonEachRow("window_aggregates", """
          {"aggregation":"m-progress","window_start_ms":60000,"window_end_ms":120000,"group_key":"a","type":"","country":"",\
          "plan":"","event_count":1,"value":1,"revision":1,"is_final":1,"retracted":0,"watermark_ms":150000,"emitted_at_ms":0}
          {"aggregation":"m-progress","window_start_ms":120000,"window_end_ms":180000,"group_key":"a","type":"","country":"",\
          "plan":"","event_count":1,"value":1,"revision":1,"is_final":0,"retracted":0,"watermark_ms":170000,"emitted_at_ms":0}
          """.getBytes(StandardCharsets.UTF_8));

      var progress = clickHouse.query("""
          SELECT maxMerge(watermark) AS wm, maxMerge(newest_start) AS newest, maxMerge(newest_closed_start) AS closed
          FROM aggregation_progress WHERE aggregation = 'm-progress'""").get(0);

      assertThat(progress.get("wm").asLong()).isEqualTo(170_000);
      assertThat(progress.get("newest").asLong()).isEqualTo(120_000);
      assertThat(progress.get("closed").asLong()).isEqualTo(60_000);
    });
  }

  private static List<String> names(ClickHouse clickHouse, String sql) {
    return clickHouse.query(sql).stream().map(row -> row.get("name").asString()).toList();
  }

  /** V001, V002, ...: the versions of the scripts the service carries, in order. */
  private static List<String> versions() throws IOException {
    return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:db/clickhouse/V*__*.sql"))
        .map(script -> script.getFilename().substring(0, script.getFilename().indexOf("__")))
        .sorted()
        .toList();
  }
}

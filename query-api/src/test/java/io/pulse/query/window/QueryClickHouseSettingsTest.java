package io.pulse.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The query API's reads carry the settings its configuration declares (one thread per query). */
@SpringBootTest
class QueryClickHouseSettingsTest {

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired ClickHouse clickHouse;

  @Test
  void everyReadRunsWithOneThread() {
    var rows = clickHouse.query("SELECT value FROM system.settings WHERE name = 'max_threads'");

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("value").asString()).isEqualTo("1");
  }
}

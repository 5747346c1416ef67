package io.pulse.aggregator.registry;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.json.Json;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Publishes the declared aggregations to ClickHouse, where the query API allow-lists them. */
@Component
class DefinitionPublisher implements ApplicationRunner {

  private final AggregatorProperties properties;
  private final ClickHouse clickHouse;

  DefinitionPublisher(AggregatorProperties properties, ClickHouse clickHouse) {
    this.properties = properties;
    this.clickHouse = clickHouse;
  }

  @Override
  public void run(ApplicationArguments args) {
    long now = System.currentTimeMillis();
    for (AggregationDefinition definition : properties.aggregations()) {
      clickHouse.execute(
          "INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES (:name, :definition, :now)",
          Map.of("name", definition.name(), "definition", Json.MAPPER.writeValueAsString(definition), "now", now));
    }
  }
}

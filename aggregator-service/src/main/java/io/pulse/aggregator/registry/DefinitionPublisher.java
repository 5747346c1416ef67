package io.pulse.aggregator.registry;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.config.BeforeStreamsStart;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.json.Json;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes the declared aggregations to ClickHouse, where the query API allow-lists them: first of
 * the start-up steps, so a query API starting beside this service finds them within seconds (its
 * warm-up asks for their boards) instead of after the topology's warm-up.
 */
@Component
class DefinitionPublisher extends BeforeStreamsStart {

  private final AggregatorProperties properties;
  private final ClickHouse clickHouse;

  DefinitionPublisher(AggregatorProperties properties, ClickHouse clickHouse) {
    super(3);
    this.properties = properties;
    this.clickHouse = clickHouse;
  }

  @Override
  protected void run() {
    long now = System.currentTimeMillis();
    for (AggregationDefinition definition : properties.aggregations()) {
      clickHouse.execute(
          "INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES (:name, :definition, :now)",
          Map.of("name", definition.name(), "definition", Json.MAPPER.writeValueAsString(definition), "now", now));
    }
  }
}

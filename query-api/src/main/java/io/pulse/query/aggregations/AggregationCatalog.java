package io.pulse.query.aggregations;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.event.EventJson;
import io.pulse.query.QueryProperties;
import io.pulse.query.web.BadQueryException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * The aggregations the aggregator declared (it publishes them to ClickHouse at start-up). This is
 * the allow-list: a name not in it never reaches a query.
 */
@Component
public class AggregationCatalog {

  private final ClickHouse clickHouse;
  private final long refreshMillis;
  private final LongSupplier clock;
  private volatile Map<String, AggregationDefinition> definitions = Map.of();
  private volatile long loadedAt = Long.MIN_VALUE / 2;

  AggregationCatalog(ClickHouse clickHouse, QueryProperties properties) {
    this.clickHouse = clickHouse;
    this.refreshMillis = properties.catalogRefresh().toMillis();
    this.clock = System::currentTimeMillis;
  }

  public Collection<AggregationDefinition> all() {
    return current().values();
  }

  /** The named aggregation, or a 400 naming the parameter and listing what exists. */
  public AggregationDefinition require(String name) {
    AggregationDefinition definition = current().get(name);
    if (definition == null) {
      throw new BadQueryException("aggregation", "unknown-aggregation",
          "unknown aggregation; declared: " + current().keySet());
    }
    return definition;
  }

  private Map<String, AggregationDefinition> current() {
    if (clock.getAsLong() - loadedAt > refreshMillis) {
      Map<String, AggregationDefinition> loaded = new TreeMap<>();
      clickHouse.query("SELECT name, argMax(definition, updated_at_ms) AS definition FROM aggregation_definitions GROUP BY name")
          .forEach(row -> loaded.put(row.get("name").asString(),
              EventJson.MAPPER.readValue(row.get("definition").asString(), AggregationDefinition.class)));
      definitions = Map.copyOf(loaded);
      loadedAt = clock.getAsLong();
    }
    return definitions;
  }
}

package io.pulse.query.aggregations;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.json.Json;
import io.pulse.query.QueryProperties;
import io.pulse.query.web.BadQueryException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The aggregations the aggregator declared (it publishes them to ClickHouse at start-up). This is
 * the allow-list: a name not in it never reaches a query. An unknown name reloads the list (at
 * most once per {@code catalogMissRefresh}), so a newly declared aggregation is queryable at once
 * while garbage names cannot make every request hit ClickHouse.
 */
@Component
public class AggregationCatalog {

  private final ClickHouse clickHouse;
  private final long refreshNanos;
  private final long missRefreshNanos;
  private volatile Map<String, AggregationDefinition> definitions = Map.of();
  private volatile long loadedAt;
  private volatile boolean loaded;

  AggregationCatalog(ClickHouse clickHouse, QueryProperties properties) {
    this.clickHouse = clickHouse;
    this.refreshNanos = properties.catalogRefresh().toNanos();
    this.missRefreshNanos = properties.catalogMissRefresh().toNanos();
  }

  public Collection<AggregationDefinition> all() {
    return current(refreshNanos).values();
  }

  /** The named aggregation, or a 400 naming the parameter and listing what exists. */
  public AggregationDefinition require(String name) {
    AggregationDefinition definition = current(refreshNanos).get(name);
    if (definition == null) {
      definition = current(missRefreshNanos).get(name);
    }
    if (definition == null) {
      throw new BadQueryException("aggregation", "unknown-aggregation",
          "unknown aggregation; declared: " + definitions.keySet());
    }
    return definition;
  }

  private Map<String, AggregationDefinition> current(long maxAgeNanos) {
    if (!loaded || System.nanoTime() - loadedAt > maxAgeNanos) {
      synchronized (this) {
        if (!loaded || System.nanoTime() - loadedAt > maxAgeNanos) {
          definitions = load();
          loadedAt = System.nanoTime();
          loaded = true;
        }
      }
    }
    return definitions;
  }

  private Map<String, AggregationDefinition> load() {
    Map<String, AggregationDefinition> loaded = new TreeMap<>();
    clickHouse.query("SELECT name, argMax(definition, updated_at_ms) AS definition FROM aggregation_definitions GROUP BY name")
        .forEach(row -> loaded.put(row.get("name").asString(),
            Json.MAPPER.readValue(row.get("definition").asString(), AggregationDefinition.class)));
    return java.util.Collections.unmodifiableMap(loaded);
  }
}

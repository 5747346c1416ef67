package io.pulse.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.aggregator.support.TestClickHouse;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.EnrichedEventRowSerde;
import io.pulse.contracts.event.Event;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The sink's RowBinary rows, read back from the server column by column. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowBinaryInsertTest {

  private ClickHouseServer server;
  private ClickHouse clickHouse;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  void start() {
    server = TestServers.startClickHouse();
    clickHouse = TestClickHouse.migrated(server);
  }

  @AfterAll
  void stop() {
    clickHouse.close();
    server.close();
  }

  @Test
  void enrichedEventsAreRowsOfTheEventsTable() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("device", "mobile");
    properties.put("page", "/produkt/größe-" + "x".repeat(200));
    EnrichedEventRowSerde serde = new EnrichedEventRowSerde();
    List<byte[]> rows = List.of(
        serde.serializer().serialize("events-enriched", new EnrichedEvent(new Event("rb-1", "order", "u-1", "p-1", 12.5,
            Instant.ofEpochMilli(1_767_268_800_123L), properties), "DE", "pro", Instant.ofEpochMilli(1_767_268_801_000L))),
        serde.serializer().serialize("events-enriched", new EnrichedEvent(new Event("rb-2", "signup", "u-2", null, null,
            Instant.ofEpochMilli(1_767_268_800_000L), Map.of()), "unknown", "unknown", Instant.ofEpochMilli(1))));

    TableWriter.ofRowBinaryRows(clickHouse, registry, "events", EnrichedEventRowSerde.COLUMNS).write(rows);

    List<JsonNode> stored = clickHouse.query("""
        SELECT event_id, type, user_id, entity_id, value, event_time_ms, country, plan, property_keys, property_values,
               received_at_ms
        FROM events WHERE event_id IN ('rb-1', 'rb-2') ORDER BY event_id""");
    assertThat(stored).hasSize(2);
    JsonNode order = stored.get(0);
    assertThat(order.get("type").asString()).isEqualTo("order");
    assertThat(order.get("entity_id").asString()).isEqualTo("p-1");
    assertThat(order.get("value").asDouble()).isEqualTo(12.5);
    assertThat(order.get("event_time_ms").asLong()).isEqualTo(1_767_268_800_123L);
    assertThat(order.get("country").asString()).isEqualTo("DE");
    Map<String, String> storedProperties = new LinkedHashMap<>(); // keys and values pair up by position, in the event's map order
    for (int i = 0; i < order.get("property_keys").size(); i++) {
      storedProperties.put(order.get("property_keys").get(i).asString(), order.get("property_values").get(i).asString());
    }
    assertThat(storedProperties).isEqualTo(properties);
    assertThat(order.get("received_at_ms").asLong()).isEqualTo(1_767_268_801_000L);
    JsonNode signup = stored.get(1);
    assertThat(signup.get("entity_id").asString()).isEmpty();
    assertThat(signup.get("value").isNull()).isTrue();
    assertThat(signup.get("property_keys")).isEmpty();
    assertThat(signup.get("plan").asString()).isEqualTo("unknown");
  }

  @Test
  void windowResultsAreRowsOfWindowAggregates() {
    Instant start = Instant.ofEpochMilli(1_767_268_800_000L);
    ValueQuantiles sketch = ValueQuantiles.empty();
    List.of(1.5, 2.5, 40.0, 3.25, 7.0).forEach(sketch::add);
    WindowResult amended = new WindowResult("rb-agg", start, start.plusSeconds(60), "p-ü", "click", "DE", "pro", 7, 3.25, 12,
        true, false, start.plusSeconds(90), start, start.plusSeconds(91), true, 2, 5, sketch.toBase64());
    WindowResult retraction = new WindowResult("rb-agg", start, start.plusSeconds(30), "u-1", "", "", "", 0, 0,
        WindowResult.RETRACTED_REVISION, false, true, start.plusSeconds(95), start, start.plusSeconds(96));

    TableWriter.rowBinary(clickHouse, registry, "window_aggregates", Rows.WINDOW_AGGREGATE_COLUMNS, Rows::windowAggregate)
        .write(List.of(amended, retraction));

    List<JsonNode> stored = clickHouse.query("""
        SELECT group_key, window_end_ms, type, event_count, value, toString(revision) AS revision, is_final, retracted,
               watermark_ms, emitted_at_ms, amended, late_count, valued, sketch
        FROM window_aggregates WHERE aggregation = 'rb-agg' ORDER BY window_end_ms DESC""");
    assertThat(stored).hasSize(2);
    JsonNode row = stored.get(0);
    assertThat(row.get("group_key").asString()).isEqualTo("p-ü");
    assertThat(row.get("type").asString()).isEqualTo("click");
    assertThat(row.get("event_count").asLong()).isEqualTo(7);
    assertThat(row.get("value").asDouble()).isEqualTo(3.25);
    assertThat(row.get("revision").asString()).isEqualTo("12");
    assertThat(row.get("is_final").asInt()).isEqualTo(1);
    assertThat(row.get("retracted").asInt()).isZero();
    assertThat(row.get("watermark_ms").asLong()).isEqualTo(start.plusSeconds(90).toEpochMilli());
    assertThat(row.get("emitted_at_ms").asLong()).isEqualTo(start.plusSeconds(91).toEpochMilli());
    assertThat(row.get("amended").asInt()).isEqualTo(1);
    assertThat(row.get("late_count").asLong()).isEqualTo(2);
    assertThat(row.get("valued").asLong()).isEqualTo(5);
    assertThat(ValueQuantiles.fromBase64(row.get("sketch").asString()).percentile(50)).isEqualTo(sketch.percentile(50));
    assertThat(stored.get(1).get("sketch").asString()).isEmpty();
    assertThat(stored.get(1).get("retracted").asInt()).isEqualTo(1);
    assertThat(stored.get(1).get("revision").asString()).isEqualTo(Long.toString(WindowResult.RETRACTED_REVISION));
  }
}

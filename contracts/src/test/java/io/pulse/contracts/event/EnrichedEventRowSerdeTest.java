package io.pulse.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichedEventRowSerdeTest {

  private final EnrichedEventRowSerde serde = new EnrichedEventRowSerde();

  @Test
  void anEnrichedEventIsARowOfTheEventsTableWithEveryColumnTheSinkInserts() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("device", "mobile");
    properties.put("page", "/p/1");
    EnrichedEvent event = new EnrichedEvent(new Event("e-1", "order", "u-1", "p-1", 12.5,
        Instant.parse("2026-01-01T12:00:00.123Z"), properties), "DE", "pro", Instant.ofEpochMilli(1_700_000_000_000L));

    byte[] row = serde.serializer().serialize("events-enriched", event);

    assertThat(Json.MAPPER.readTree(row).propertyNames()).containsExactly("event_id", "type", "user_id", "entity_id",
        "value", "event_time_ms", "country", "plan", "property_keys", "property_values", "received_at_ms");
    assertThat(serde.deserializer().deserialize("events-enriched", row)).isEqualTo(event);
  }

  @Test
  void anAbsentEntityAndValueAreTheColumnsDefaultsAndComeBackAbsent() {
    EnrichedEvent event = new EnrichedEvent(new Event("e-2", "signup", "u-2", null, null, Instant.ofEpochMilli(5), Map.of()),
        "unknown", "unknown", Instant.ofEpochMilli(6));

    byte[] row = serde.serializer().serialize("events-enriched", event);

    assertThat(Json.MAPPER.readTree(row).get("entity_id").asString()).isEmpty();
    assertThat(Json.MAPPER.readTree(row).get("value").isNull()).isTrue();
    assertThat(Json.MAPPER.readTree(row).get("property_keys")).isEmpty();
    assertThat(serde.deserializer().deserialize("events-enriched", row)).isEqualTo(event);
  }
}

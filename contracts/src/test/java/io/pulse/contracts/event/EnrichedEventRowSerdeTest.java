package io.pulse.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EnrichedEventRowSerdeTest {

  private final EnrichedEventRowSerde serde = new EnrichedEventRowSerde();

  @Test
  void anEnrichedEventComesBackFromItsRow() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("device", "mobile");
    properties.put("page", "/p/ü-1".repeat(30)); // a length beyond one LEB128 byte
    EnrichedEvent event = new EnrichedEvent(new Event("e-1", "order", "u-1", "p-1", 12.5,
        Instant.parse("2026-01-01T12:00:00.123Z"), properties), "DE", "pro", Instant.ofEpochMilli(1_700_000_000_000L));

    byte[] row = serde.serializer().serialize("events-enriched", event);

    assertThat(serde.deserializer().deserialize("events-enriched", row)).isEqualTo(event);
  }

  @Test
  void anAbsentEntityAndValueAreTheColumnsDefaultsAndComeBackAbsent() {
    EnrichedEvent event = new EnrichedEvent(new Event("e-2", "signup", "u-2", null, null, Instant.ofEpochMilli(5), Map.of()),
        "unknown", "unknown", Instant.ofEpochMilli(6));

    byte[] row = serde.serializer().serialize("events-enriched", event);

    assertThat(serde.deserializer().deserialize("events-enriched", row)).isEqualTo(event);
  }

  @Test
  void aJsonRowOfAnOlderVersionIsRefusedWithAHint() {
    byte[] json = "{\"event_id\":\"e-1\",\"type\":\"click\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> serde.deserializer().deserialize("events-enriched", json))
        .isInstanceOf(SerializationException.class).hasMessageContaining("reset the application");
  }
}

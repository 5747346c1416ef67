package io.pulse.aggregator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.topic.JsonSerde;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EnrichedEventSerdeTest {

  private final EnrichedEventSerde serde = new EnrichedEventSerde();

  @Test
  void everyFieldSurvivesTheRoundTripToTheNanosecond() {
    EnrichedEvent event = new EnrichedEvent(new Event("e-1", "order", "u-ü", "product-7", 12.5,
        Instant.parse("2026-11-25T01:02:03.123456789Z"), Map.of("color", "red", "long", "x".repeat(70_000))),
        "DE", "pro", Instant.parse("2026-11-25T01:02:04.5Z"));

    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void absentOptionalFieldsStayAbsent() {
    EnrichedEvent event = new EnrichedEvent(new Event("e-2", "click", "u-1", null, null,
        Instant.ofEpochMilli(1_000), Map.of()), "unknown", "unknown", Instant.ofEpochMilli(2_000));

    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void isSmallerThanTheJsonItReplaces() {
    EnrichedEvent event = new EnrichedEvent(new Event("3f1c2e9a-5b7d-4c1e-9f0a-1b2c3d4e5f60", "click", "user-4711",
        "product-42", null, Instant.parse("2026-11-25T01:02:03.123Z"), Map.of("color", "red")),
        "DE", "free", Instant.parse("2026-11-25T01:02:03.456Z"));

    byte[] compact = serde.serializer().serialize("t", event);
    byte[] json = new JsonSerde<>(EnrichedEvent.class).serializer().serialize("t", event);
    assertThat(compact.length).isLessThan(json.length);
  }

  /** State written before the binary format (JSON) is still read after an upgrade. */
  @Test
  void readsTheJsonOfEarlierVersions() {
    EnrichedEvent event = new EnrichedEvent(new Event("e-3", "view", "u-2", "p", 1.0, Instant.ofEpochMilli(5_000),
        Map.of("a", "b")), "FR", "free", Instant.ofEpochMilli(6_000));
    byte[] json = new JsonSerde<>(EnrichedEvent.class).serializer().serialize("t", event);

    assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(event);
  }

  @Test
  void anUnknownFormatIsAClearError() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("repartition-topic", new byte[] {9, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("EnrichedEvent").hasMessageContaining("repartition-topic").hasMessageContaining("format 9");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0, 0}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot read EnrichedEvent");
  }

  private EnrichedEvent roundTrip(EnrichedEvent event) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", event));
  }
}

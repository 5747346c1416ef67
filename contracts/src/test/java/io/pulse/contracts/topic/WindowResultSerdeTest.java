package io.pulse.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.aggregation.WindowResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowResultSerdeTest {

  private final WindowResultSerde serde = new WindowResultSerde();

  @Test
  void aRowComesBackFieldForField() {
    WindowResult row = new WindowResult("clicks-1m", Instant.ofEpochMilli(60_000), Instant.ofEpochMilli(120_000), "p-ü-1",
        "click", "DE", "pro", 42, 17.25, 9, true, false, Instant.ofEpochMilli(150_000), Instant.ofEpochMilli(119_000),
        Instant.ofEpochMilli(151_000), true, 3, 40, "AgEC+/8=");
    WindowResult retraction = new WindowResult("sessions", Instant.ofEpochMilli(1), Instant.ofEpochMilli(2), "u", "", "", "",
        0, 0, WindowResult.RETRACTED_REVISION, false, true, Instant.ofEpochMilli(3), Instant.EPOCH, Instant.ofEpochMilli(4));

    for (WindowResult original : new WindowResult[] {row, retraction}) {
      byte[] bytes = serde.serializer().serialize("window-results", original);
      assertThat(serde.deserializer().deserialize("window-results", bytes)).isEqualTo(original);
    }
  }

  @Test
  void aJsonRowFromAnOlderVersionIsRefusedWithAHint() {
    byte[] json = "{\"aggregation\":\"clicks-1m\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> serde.deserializer().deserialize("window-results", json))
        .isInstanceOf(SerializationException.class).hasMessageContaining("reset the application");
  }
}

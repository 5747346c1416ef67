package io.pulse.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {

  @Test
  void readsWhatInstantWritesAsTheGeneralParserDoes() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 253_402_300_799L); // years 0005 to 9999
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      String text = Instant.ofEpochSecond(seconds, nanos).toString();
      assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T12:00:00.1Z", "2026-01-01T12:00:00.12345Z", "2024-02-29T23:59:59.999999999Z",
      "2026-01-01T12:00:00+02:00", "2026-01-01T12:00:00.5-05:30", "+12026-01-01T00:00:00Z", "2026-01-01T12:00Z", "2026-01-01T12:00:00.Z"})
  void agreesWithTheGeneralParserOnOtherForms(String text) {
    assertThat(UtcTimestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T12:60:00Z",
      "2026-01-01T12:00:00.1234567890Z", "2026-01-01 12:00:00Z", "2026-01-01T12:00:00",
      "2026-1-01T12:00:00Z", "2026-01-01T12:00:0xZ"})
  void refusesWhatTheGeneralParserRefuses(String text) {
    assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> UtcTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}

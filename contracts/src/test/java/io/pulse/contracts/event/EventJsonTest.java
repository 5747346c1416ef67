package io.pulse.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

  private static Event read(String json) {
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryFieldAndWritesItBackCanonically() {
    Event event = read("""
        {"eventId":"e1","type":"order","userId":"u1","entityId":"p1","value":19.5,
         "timestamp":"2026-01-01T13:00:00+01:00","properties":{"coupon":"X1"}}""");

    assertThat(event).isEqualTo(new Event("e1", "order", "u1", "p1", 19.5, Instant.parse("2026-01-01T12:00:00Z"),
        Map.of("coupon", "X1")));
    assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
  }

  @Test
  void epochMillisAreAnEventTimeToo() {
    assertThat(read("{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1767268800000}").timestamp())
        .isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing eventId      | {\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1}                              | eventId    | missing-field",
      "number as type       | {\"eventId\":\"e\",\"type\":3,\"userId\":\"u\",\"timestamp\":1}                | type       | wrong-type",
      "spaces in type       | {\"eventId\":\"e\",\"type\":\"a b\",\"userId\":\"u\",\"timestamp\":1}          | type       | invalid-type",
      "unknown field        | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"x\":1}    | x          | unknown-field",
      "zone-less time       | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":\"2026-01-01T12:00:00\"} | timestamp | invalid-timestamp",
      "negative millis      | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":-5}           | timestamp  | invalid-timestamp",
      "value as text        | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"value\":\"1\"} | value  | wrong-type",
      "nested property      | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"properties\":{\"a\":{}}} | properties.a | wrong-type",
      "blank userId         | {\"eventId\":\"e\",\"type\":\"t\",\"userId\":\" \",\"timestamp\":1}            | userId     | blank-string",
      "control character    | {\"eventId\":\"e\\u0007\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1}     | eventId    | control-character",
      "duplicate key        | {\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1} | ''    | malformed-json",
      "not an object        | [1,2]                                                                          | ''         | not-an-object"})
  void aBrokenEventNamesTheFieldAndTheReason(String name, String json, String field, String code) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(EventValidationException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.field()).isEqualTo(field);
        });
  }

  @Test
  void overLongIdsAreRejected() {
    String longId = "x".repeat(EventLimits.MAX_ID_LENGTH + 1);
    assertThatThrownBy(() -> read("{\"eventId\":\"" + longId + "\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1}"))
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.code()).isEqualTo("too-long"));
  }
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"eventId\":\"e1\",\"type\":\"order\",\"userId\":\"u1\",\"entityId\":\"p1\",\"value\":19.5,\"timestamp\":\"2026-01-01T12:00:00Z\",\"properties\":{\"a\":\"1\",\"b\":\"é\"}}",
      "{\"timestamp\":\"2026-01-01T13:00:00.123+01:00\",\"userId\":\"u\",\"type\":\"t:x-1\",\"eventId\":\"e\"}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1767268800000,\"value\":3}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":0,\"entityId\":null,\"value\":null,\"properties\":null}",
      " { \"eventId\" : \"e\", \"type\" : \"t\", \"userId\" : \"u\", \"timestamp\" : 5, \"properties\" : { } } "})
  void theStreamingReaderGivesExactlyWhatTheTreeGivesForValidEvents(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(StreamingEventReader.read(bytes)).isNotNull().isEqualTo(EventJson.readTree(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1}",
      "{\"eventId\":\"e\",\"type\":3,\"userId\":\"u\",\"timestamp\":1}",
      "{\"eventId\":\"e\",\"type\":\"a b\",\"userId\":\"u\",\"timestamp\":1}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"x\":1}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":\"2026-01-01T12:00:00\"}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":-5}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1.5}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":99999999999999999999}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"value\":\"1\"}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"value\":1e400}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"properties\":{\"a\":{}}}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"properties\":{\"a\":\"1\",\"a\":\"2\"}}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\" \",\"timestamp\":1}",
      "{\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1} {}",
      "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1",
      "[1,2]"})
  void theStreamingReaderLeavesEveryBrokenEventToTheTreeReader(String json) {
    assertThat(StreamingEventReader.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void tooManyPropertiesAreLeftToTheTreeReader() {
    StringBuilder properties = new StringBuilder();
    for (int i = 0; i <= EventLimits.MAX_PROPERTIES; i++) {
      properties.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    String json = "{\"eventId\":\"e\",\"type\":\"t\",\"userId\":\"u\",\"timestamp\":1,\"properties\":{" + properties + "}}";
    assertThat(StreamingEventReader.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
    assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(EventValidationException.class,
        e -> assertThat(e.code()).isEqualTo("too-many-properties"));
  }
}

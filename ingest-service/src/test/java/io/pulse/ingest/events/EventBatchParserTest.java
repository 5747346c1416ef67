package io.pulse.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.config.IngestProperties.Limits;
import io.pulse.ingest.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The parsing rules without HTTP or Kafka, on a pinned clock. */
class EventBatchParserTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private final EventBatchParser parser = new EventBatchParser(
      new IngestProperties(List.of("k"), new Limits(DataSize.ofMegabytes(5), 3, Duration.ofMinutes(5), 10, 0, 10, DataSize.ofMegabytes(64)), null, 0, false),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void timestampsUpToTheSkewAheadAreAccepted() {
    assertThat(parse(event("e1", NOW.plus(Duration.ofMinutes(5))))).hasSize(1);
  }

  @Test
  void timestampsBeyondTheSkewAreRefused() {
    ProblemException problem = refused(event("e1", NOW.plus(Duration.ofMinutes(5)).plusMillis(1)));

    assertThat(problem.code()).isEqualTo("future-timestamp");
    assertThat(problem.field()).isEqualTo("timestamp");
    assertThat(problem.index()).isZero();
  }

  @Test
  void theFirstEventBeyondTheBatchLimitIsNamed() {
    String four = "[" + String.join(",", event("a", NOW), event("b", NOW), event("c", NOW), event("d", NOW)) + "]";

    ProblemException problem = refused(four);

    assertThat(problem.code()).isEqualTo("batch-too-large");
    assertThat(problem.index()).isEqualTo(3);
  }

  @Test
  void ndjsonCountsEventsNotLinesAgainstTheLimit() {
    String lines = event("a", NOW) + "\n\n\n\n" + event("b", NOW) + "\n" + event("c", NOW) + "\n";

    assertThat(parser.parse(lines.getBytes(StandardCharsets.UTF_8), BatchFormat.NDJSON)).hasSize(3);
  }

  @Test
  void anArrayIsReturnedInOrder() {
    String two = "[" + event("first", NOW) + "," + event("second", NOW) + "]";

    assertThat(parse(two)).extracting(e -> e.eventId()).containsExactly("first", "second");
  }

  @Test
  void duplicateKeysInsideTheBatchArrayAreFoundPerEvent() {
    String dup = "[" + event("a", NOW) + ",{\"eventId\":\"b\",\"eventId\":\"c\"}]";

    ProblemException problem = refused(dup);

    assertThat(problem.code()).isEqualTo("duplicate-key");
    assertThat(problem.field()).isEqualTo("eventId");
    assertThat(problem.index()).isEqualTo(1);
  }

  private List<io.pulse.contracts.event.Event> parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), BatchFormat.JSON);
  }

  private ProblemException refused(String json) {
    return catchThrowableOfType(ProblemException.class, () -> parse(json));
  }

  private static String event(String id, Instant timestamp) {
    return "{\"eventId\":\"%s\",\"type\":\"view\",\"userId\":\"u\",\"timestamp\":\"%s\"}".formatted(id, timestamp);
  }
}

package io.pulse.ingest.events;

import static io.pulse.ingest.support.IngestClient.JSON;
import static io.pulse.ingest.support.IngestClient.NDJSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.KafkaTestBroker;
import io.pulse.ingest.support.SampleEvents;
import io.pulse.ingest.support.TopicReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input gets a specific problem, and nothing of a refused batch reaches Kafka. */
@IngestIntegrationTest
class EventRejectionTest {

  private static final String VALID = SampleEvents.event("ok-user");

  @LocalServerPort int port;
  @Autowired KafkaTestBroker broker;

  IngestClient client;
  TopicReader events;

  @BeforeEach
  void openTopic() {
    client = new IngestClient(port);
    events = new TopicReader(broker.bootstrapServers(), Topics.EVENTS.name());
  }

  @AfterEach
  void closeTopic() {
    events.close();
  }

  /** name, content type, body, status, problem code, field (null: absent), index (null: absent) */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad("malformed JSON", JSON, "{\"eventId\": ", 400, "malformed-json", null, 0),
        bad("malformed JSON inside the 2nd event", JSON, "[" + VALID + ", {\"eventId\" \"x\"}]", 400, "malformed-json", null, 1),
        bad("unclosed array", JSON, "[" + VALID, 400, "malformed-json", null, null),
        bad("trailing garbage", JSON, VALID + " x", 400, "malformed-json", null, null),
        bad("missing userId", JSON, without("userId"), 400, "missing-field", "userId", 0),
        bad("missing field in the 3rd event", JSON, "[" + VALID + "," + VALID + "," + without("eventId") + "]",
            400, "missing-field", "eventId", 2),
        bad("wrong type", JSON, VALID.replace("12.5", "\"12.5\""), 400, "wrong-type", "value", 0),
        bad("property that is not a string", JSON, VALID.replace("\"red\"", "7"), 400, "wrong-type", "properties.color", 0),
        bad("unknown field", JSON, VALID.replace("\"eventId\"", "\"colour\":\"blue\",\"eventId\""), 400, "unknown-field", "colour", 0),
        bad("duplicate key", JSON, VALID.replace("\"type\":\"click\"", "\"type\":\"click\",\"type\":\"view\""),
            400, "duplicate-key", "type", 0),
        bad("duplicate property key", JSON, VALID.replace("\"color\":\"red\"", "\"color\":\"red\",\"color\":\"blue\""),
            400, "duplicate-key", "properties.color", 0),
        bad("empty body", JSON, "", 400, "empty-body", null, null),
        bad("whitespace body", NDJSON, " \n\r\n ", 400, "empty-body", null, null),
        bad("empty array", JSON, " [ ] ", 400, "empty-batch", null, null),
        bad("not an object", JSON, "[" + VALID + ", 42]", 400, "not-an-object", null, 1),
        bad("a bare string", JSON, "\"click\"", 400, "not-an-object", null, 0),
        bad("too many events", JSON, SampleEvents.array(10_001), 400, "batch-too-large", null, 10_000),
        bad("far-future timestamp", JSON, VALID.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"2999-01-01T00:00:00Z\""),
            400, "future-timestamp", "timestamp", 0),
        bad("timestamp without zone", JSON, VALID.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"2026-01-01T00:00:00\""),
            400, "invalid-timestamp", "timestamp", 0),
        bad("bare NaN", JSON, VALID.replace("12.5", "NaN"), 400, "not-finite", "value", 0),
        bad("bare -Infinity", JSON, VALID.replace("12.5", "-Infinity"), 400, "not-finite", "value", 0),
        bad("NaN as a timestamp", JSON, VALID.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":NaN"),
            400, "invalid-timestamp", "timestamp", 0),
        bad("number overflowing to infinity", JSON, VALID.replace("12.5", "1e999"), 400, "not-finite", "value", 0),
        bad("NaN as a string", JSON, VALID.replace("12.5", "\"NaN\""), 400, "wrong-type", "value", 0),
        bad("escaped control character", JSON, VALID.replace("\"ok-user\"", "\"ok\\u0007user\""), 400, "control-character", "userId", 0),
        bad("raw control character", JSON, VALID.replace("\"ok-user\"", "\"ok\u0001user\""), 400, "malformed-json", null, 0),
        bad("blank id", JSON, VALID.replace("\"ok-user\"", "\"   \""), 400, "blank-string", "userId", 0),
        bad("over-long eventId", JSON, VALID.replaceFirst("\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + "x".repeat(129) + "\""),
            400, "too-long", "eventId", 0),
        bad("over-long property value", JSON, VALID.replace("\"red\"", "\"" + "r".repeat(513) + "\""),
            400, "too-long", "properties.color", 0),
        bad("invalid type name", JSON, VALID.replace("\"click\"", "\"cl ick\""), 400, "invalid-type", "type", 0),
        bad("deep nesting", JSON, "[".repeat(100) + "]".repeat(100), 400, "json-limit-exceeded", null, 0),
        bad("invalid UTF-8", JSON, invalidUtf8(VALID), 400, "invalid-utf8", null, null),
        bad("invalid UTF-8 on NDJSON line 2", NDJSON, invalidUtf8(VALID + "\n\n" + VALID), 400, "invalid-utf8", null, 2),
        bad("NDJSON: bad event on line 3, counting blank lines", NDJSON, VALID + "\n\n" + without("type") + "\n" + VALID,
            400, "missing-field", "type", 2),
        bad("NDJSON: two values on one line", NDJSON, VALID + " " + VALID, 400, "malformed-json", null, 0),
        bad("NDJSON: an array line", NDJSON, "[" + VALID + "]", 400, "not-an-object", null, 0),
        bad("wrong content type", "text/plain", VALID, 415, "unsupported-media-type", null, null),
        bad("no content type", null, VALID, 415, "unsupported-media-type", null, null),
        bad("non-UTF-8 charset", JSON + "; charset=ISO-8859-1", VALID, 415, "unsupported-media-type", null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedWithASpecificProblemAndNothingIsSent(
      String name, String contentType, byte[] body, int status, String code, String field, Integer index) {
    long endBefore = events.endOffsetTotal();

    var response = client.send("POST", "/v1/events", body, IngestClient.headers(contentType, IngestClient.API_KEY));

    assertProblem(response, status, code);
    JsonNode problem = response.json();
    if (field == null) {
      assertThat(problem.has("field")).as("no field expected in %s", problem).isFalse();
    } else {
      assertThat(problem.path("field").asString()).isEqualTo(field);
      assertThat(problem.path("detail").asString()).contains(field.contains(".") ? field.substring(field.indexOf('.') + 1) : field);
    }
    if (index == null) {
      assertThat(problem.has("index")).as("no index expected in %s", problem).isFalse();
    } else {
      assertThat(problem.path("index").intValue()).isEqualTo(index);
    }
    assertThat(events.endOffsetTotal()).isEqualTo(endBefore);
  }

  @Test
  void aBatchWithOneInvalidEventPutsNothingOnTheTopic() {
    String invalid = "[" + SampleEvents.event("doomed") + "," + SampleEvents.event("doomed") + "," + without("userId") + "]";
    long endBefore = events.endOffsetTotal();

    assertProblem(client.postEvents(JSON, invalid), 400, "missing-field");
    var sentinel = client.postEvents(JSON, SampleEvents.event("sentinel"));

    assertThat(sentinel.status()).as(sentinel.toString()).isEqualTo(202);
    List<ConsumerRecord<String, byte[]>> records = events.readExactly(1);
    assertThat(records.getFirst().key()).isEqualTo("sentinel");
    assertThat(EventJson.read(records.getFirst().value()).userId()).isEqualTo("sentinel");
    assertThat(events.endOffsetTotal()).isEqualTo(endBefore + 1);
  }

  @Test
  void bodyOverTheLimitIsRefusedFromItsContentLength() {
    byte[] body = oversizedBody();

    var response = client.send("POST", "/v1/events", body, IngestClient.headers(JSON, IngestClient.API_KEY));

    assertProblem(response, 413, "body-too-large");
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedWhileReading() {
    var response = client.postEventsChunked(JSON, oversizedBody());

    assertProblem(response, 413, "body-too-large");
  }

  @Test
  void compressedBodiesAreRefused() {
    var headers = IngestClient.headers(JSON, IngestClient.API_KEY);
    headers.put("Content-Encoding", "gzip");

    var response = client.send("POST", "/v1/events", VALID.getBytes(StandardCharsets.UTF_8), headers);

    assertProblem(response, 415, "unsupported-content-encoding");
  }

  @Test
  void wrongContentTypeNamesWhatIsAccepted() {
    var response = client.postEvents("application/xml", VALID);

    assertProblem(response, 415, "unsupported-media-type");
    assertThat(response.header("Accept-Post")).contains("application/json").contains("application/x-ndjson");
  }

  @Test
  void springsOwnRefusalsAreProblemsWithThePulseTypeToo() {
    var response = client.send("GET", "/v1/events", new byte[0], IngestClient.headers(null, IngestClient.API_KEY));

    assertProblem(response, 405, "method-not-allowed");
  }

  static void assertProblem(IngestClient.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("type").asString()).isEqualTo("https://pulse.dev/problems/" + code);
    assertThat(problem.path("status").intValue()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
  }

  /** Just over 5 MiB of otherwise valid NDJSON-ish JSON: only its size is wrong. */
  private static byte[] oversizedBody() {
    String event = SampleEvents.event("big");
    StringBuilder body = new StringBuilder("[").append(event);
    while (body.length() <= 5 * 1024 * 1024) {
      body.append(',').append(event);
    }
    return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String without(String field) {
    return VALID.replaceFirst("\"" + field + "\":\"[^\"]+\",?", "");
  }

  /** The text with a lone continuation byte in place of the last "ok-user"'s hyphen. */
  private static byte[] invalidUtf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String marker = "ok-user";
    int at = text.lastIndexOf(marker) + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.write(0x80);
    out.write(bytes, at + 1, bytes.length - at - 1);
    return out.toByteArray();
  }

  private static Arguments bad(String name, String contentType, String body, int status, String code, String field, Integer index) {
    return bad(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, code, field, index);
  }

  private static Arguments bad(String name, String contentType, byte[] body, int status, String code, String field, Integer index) {
    return Arguments.of(name, contentType, body, status, code, field, index);
  }
}

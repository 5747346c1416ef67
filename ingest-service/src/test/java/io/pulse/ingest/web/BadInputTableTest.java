package io.pulse.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.kafka.InFlightLimiter;
import io.pulse.ingest.limits.BodyBudget;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.KafkaTestBroker;
import io.pulse.ingest.support.SampleEvents;
import io.pulse.ingest.support.TopicReader;
import io.pulse.ingest.web.BadInputCatalog.BadRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * docs/bad-input.md is the contract: every row is sent to the running service (real Kafka broker)
 * and must get its status and problem type, with nothing reaching the events or profiles topic.
 * Small limits make the size, batch and rate rows cheap to reach.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulse.ingest.api-keys=" + BadInputCatalog.KEY + "," + BadInputCatalog.RATE_KEY,
    "pulse.ingest.limits.max-body-size=64KB",
    "pulse.ingest.limits.max-batch-events=100",
    "pulse.ingest.limits.max-in-flight-events=100",
    "pulse.ingest.limits.events-per-second-per-key=1",
    "pulse.ingest.limits.burst-events-per-key=100",
    "pulse.ingest.limits.max-in-flight-bytes=128KB"})
@ContextConfiguration(initializers = KafkaTestBroker.Initializer.class)
// Its own context and broker: closed right after the class instead of in the JVM's exit hooks.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTableTest {

  private static final Path TABLE = Path.of("docs", "bad-input.md");

  @LocalServerPort int port;
  @Autowired KafkaTestBroker broker;
  @Autowired InFlightLimiter inFlight;
  @Autowired BodyBudget bodyBudget;

  private IngestClient client;
  private TopicReader events;
  private TopicReader profiles;

  /** One row of the table. */
  record Row(String name, int status, String type) {}

  @BeforeAll
  void connect() {
    client = new IngestClient(port);
    events = new TopicReader(broker.bootstrapServers(), Topics.EVENTS.name());
    profiles = new TopicReader(broker.bootstrapServers(), Topics.USER_PROFILES.name());
  }

  @AfterAll
  void disconnect() {
    events.close();
    profiles.close();
  }

  @Test
  void theTableAndTheTestsNameTheSameCasesAtLeast25DistinctProblemTypes() throws IOException {
    List<Row> rows = rows();
    assertThat(rows.stream().map(Row::name)).containsExactlyInAnyOrderElementsOf(catalog().keySet());
    assertThat(rows.stream().map(Row::type).distinct().count()).isGreaterThanOrEqualTo(25);
  }

  @TestFactory
  Stream<DynamicTest> everyRowIsAnsweredAsTheTableSaysAndNothingReachesKafka() throws IOException {
    Map<String, BadRequest> catalog = catalog();
    return rows().stream().filter(row -> catalog.containsKey(row.name()))
        .map(row -> DynamicTest.dynamicTest(row.name() + " -> " + row.status() + " " + row.type(),
            () -> assertAnswered(row, catalog.get(row.name()))));
  }

  private void assertAnswered(Row row, BadRequest request) throws Exception {
    IngestClient.Response response;
    long eventsBefore;
    long profilesBefore;
    try (AutoCloseable held = request.setup().get()) {
      eventsBefore = events.endOffsetTotal();
      profilesBefore = profiles.endOffsetTotal();
      Map<String, String> headers = new LinkedHashMap<>(IngestClient.headers(request.contentType(), request.apiKey()));
      headers.putAll(request.headers());
      response = client.send(request.method(), request.path(), request.body(), headers);
    }
    assertThat(response.status()).as(response.toString()).isEqualTo(row.status());
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("type").asString()).isEqualTo(Problems.TYPE_BASE + row.type());
    assertThat(problem.path("status").intValue()).isEqualTo(row.status());
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (row.status() == 429) {
      assertThat(response.header("Retry-After")).as("429 says when to come back").matches("[1-9][0-9]*");
    }
    assertThat(events.endOffsetTotal()).as("nothing on the events topic").isEqualTo(eventsBefore);
    assertThat(profiles.endOffsetTotal()).as("nothing on the profiles topic").isEqualTo(profilesBefore);
  }

  private Map<String, BadRequest> catalog() {
    return BadInputCatalog.requests(this::spendRateBurst, this::fillInFlight, this::fillBodyBudget);
  }

  /** The rate key's whole burst goes to one accepted batch; the row's batch then exceeds the rate. */
  private AutoCloseable spendRateBurst() {
    var headers = IngestClient.headers(BadInputCatalog.JSON, BadInputCatalog.RATE_KEY);
    var spent = client.send("POST", "/v1/events", SampleEvents.array(100).getBytes(StandardCharsets.UTF_8), headers);
    assertThat(spent.status()).as(spent.toString()).isEqualTo(202);
    return () -> {};
  }

  /** Holds all but one in-flight permit, as if Kafka were slow to acknowledge, until the request is answered. */
  private AutoCloseable fillInFlight() {
    int held = 99;
    assertThat(inFlight.tryAcquire(held)).isTrue();
    return () -> inFlight.release(held);
  }

  /** Holds all but 100 bytes of the body budget, as if other large requests were being processed. */
  private AutoCloseable fillBodyBudget() {
    int held = 128 * 1024 - 100;
    assertThat(bodyBudget.tryAcquire(held)).isTrue();
    return () -> bodyBudget.release(held);
  }

  /** The rows of the table in docs/bad-input.md, found from the module directory upwards. */
  static List<Row> rows() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(TABLE))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("%s above %s", TABLE, Path.of("").toAbsolutePath()).isNotNull();
    return Files.readAllLines(dir.resolve(TABLE)).stream()
        .filter(line -> line.startsWith("| ") && !line.startsWith("| Case "))
        .map(line -> line.split("\\|"))
        .map(cells -> new Row(cells[1].strip(), Integer.parseInt(cells[3].strip()), cells[4].strip().replace("`", "")))
        .toList();
  }
}

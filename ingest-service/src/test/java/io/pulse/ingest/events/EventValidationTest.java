package io.pulse.ingest.events;

import static io.pulse.ingest.support.IngestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.KafkaTestBroker;
import io.pulse.ingest.support.SampleEvents;
import io.pulse.ingest.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /v1/events/validate}: the checks of {@code POST /v1/events}, and nothing sent. */
@IngestIntegrationTest
class EventValidationTest {

  private static final String PATH = "/v1/events/validate";

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

  @Test
  void aValidBatchIsCountedAndSizedAsItWouldBeSentAndNothingIsSent() {
    byte[] batch = SampleEvents.array(3).getBytes(StandardCharsets.UTF_8);

    var validated = client.send("POST", PATH, batch, IngestClient.headers(JSON, IngestClient.API_KEY));
    var accepted = client.send("POST", "/v1/events", batch, IngestClient.headers(JSON, IngestClient.API_KEY));

    assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
    assertThat(validated.json().get("valid").intValue()).isEqualTo(3);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    List<ConsumerRecord<String, byte[]>> sent = events.readExactly(3); // the accepted batch only
    assertThat(validated.json().get("bytes").longValue()).isEqualTo(sent.stream().mapToLong(r -> r.value().length).sum());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.pulse.ingest.events.EventRejectionTest#badInputs")
  void badInputGetsTheProblemThatPostingItGets(
      String name, String contentType, byte[] body, int status, String code, String field, Integer index) {
    long endBefore = events.endOffsetTotal();

    var response = client.send("POST", PATH, body, IngestClient.headers(contentType, IngestClient.API_KEY));

    EventRejectionTest.assertProblem(response, status, code);
    assertThat(response.json().path("field").asString(null)).isEqualTo(field);
    assertThat(events.endOffsetTotal()).isEqualTo(endBefore);
  }

  @Test
  void aWriteKeyIsRequired() {
    var response = client.send("POST", PATH, SampleEvents.array(1).getBytes(StandardCharsets.UTF_8),
        IngestClient.headers(JSON, null));

    EventRejectionTest.assertProblem(response, 401, "missing-api-key");
  }
}

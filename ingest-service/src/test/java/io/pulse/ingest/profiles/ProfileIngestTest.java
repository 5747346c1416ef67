package io.pulse.ingest.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.json.Json;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.KafkaTestBroker;
import io.pulse.ingest.support.TopicReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IngestIntegrationTest
class ProfileIngestTest {

  @LocalServerPort int port;
  @Autowired KafkaTestBroker broker;

  IngestClient client;
  TopicReader profiles;

  @BeforeEach
  void openTopic() {
    client = new IngestClient(port);
    profiles = new TopicReader(broker.bootstrapServers(), Topics.USER_PROFILES.name());
  }

  @AfterEach
  void closeTopic() {
    profiles.close();
  }

  @Test
  void profileIsAcceptedAfterItIsOnTheCompactedTopicKeyedByUser() {
    var response = client.putProfile("alice", "{\"country\": \"DE\", \"plan\": \"pro\"}");

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(1);
    ConsumerRecord<String, byte[]> record = profiles.readExactly(1).getFirst();
    assertThat(record.key()).isEqualTo("alice");
    assertThat(Json.MAPPER.readValue(record.value(), UserProfile.class)).isEqualTo(new UserProfile("DE", "pro"));
  }

  @Test
  void userIdIsTakenFromThePathDecoded() {
    assertThat(client.putProfile("user%20one", "{\"country\":\"FR\",\"plan\":\"free\"}").status()).isEqualTo(202);

    assertThat(profiles.readExactly(1).getFirst().key()).isEqualTo("user one");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      invalid country        | alice | {"country":"D E","plan":"pro"}            | invalid-value     | country
      missing plan           | alice | {"country":"DE"}                          | missing-field     | plan
      wrong type             | alice | {"country":"DE","plan":7}                 | wrong-type        | plan
      unknown field          | alice | {"country":"DE","plan":"pro","age":3}     | unknown-field     | age
      duplicate key          | alice | {"country":"DE","plan":"pro","plan":"x"}  | duplicate-key     | plan
      not an object          | alice | ["DE","pro"]                              | not-an-object     |
      malformed JSON         | alice | {"country":                               | malformed-json    |
      control char in userId | a%01b | {"country":"DE","plan":"pro"}             | control-character | userId
      blank userId           | %20   | {"country":"DE","plan":"pro"}             | blank-string      | userId
      """)
  void badProfilesAreRefusedAndNothingIsSent(String name, String userIdPath, String body, String code, String field) {
    long endBefore = profiles.endOffsetTotal();

    var response = client.putProfile(userIdPath, body);

    assertProblem(response, 400, code, field);
    assertThat(profiles.endOffsetTotal()).isEqualTo(endBefore);
  }

  @Test
  void overLongUserIdIsRefused() {
    assertProblem(client.putProfile("u".repeat(129), "{\"country\":\"DE\",\"plan\":\"pro\"}"), 400, "too-long", "userId");
  }

  @Test
  void profilesMustBeJson() {
    var response = client.send("PUT", "/v1/users/alice", "country=DE".getBytes(StandardCharsets.UTF_8),
        IngestClient.headers("application/x-www-form-urlencoded", IngestClient.API_KEY));

    assertProblem(response, 415, "unsupported-media-type", null);
  }

  private static void assertProblem(IngestClient.Response response, int status, String code, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("type").asString()).isEqualTo("https://pulse.dev/problems/" + code);
    if (field != null) {
      assertThat(problem.path("field").asString()).isEqualTo(field);
    }
    assertThat(problem.has("index")).isFalse();
  }
}

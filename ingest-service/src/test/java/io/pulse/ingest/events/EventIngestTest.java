package io.pulse.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.IngestIntegrationTest;
import io.pulse.ingest.support.KafkaTestBroker;
import io.pulse.ingest.support.SampleEvents;
import io.pulse.ingest.support.TopicReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngestIntegrationTest
class EventIngestTest {

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
  void singleEventIsAcceptedAfterItIsOnTheEventsTopicKeyedByUser() {
    String body = """
        {"eventId":"e-single-1","type":"order","userId":"alice","entityId":"sku-1","value":99.95,
         "timestamp":"2026-01-31T12:00:00+01:00","properties":{"channel":"web"}}""";

    var response = client.postEvents(IngestClient.JSON, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(1);
    ConsumerRecord<String, byte[]> record = events.readExactly(1).getFirst();
    assertThat(record.key()).isEqualTo("alice");
    assertThat(EventJson.read(record.value())).isEqualTo(new Event(
        "e-single-1", "order", "alice", "sku-1", 99.95, Instant.parse("2026-01-31T11:00:00Z"), Map.of("channel", "web")));
  }

  @Test
  void arrayOfEventsIsAcceptedWhole() {
    var response = client.postEvents(IngestClient.JSON, SampleEvents.array(3));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(3);
    List<ConsumerRecord<String, byte[]>> records = events.readExactly(3);
    assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("u0", "u1", "u2");
    assertThat(records).allSatisfy(r -> assertThat(EventJson.read(r.value()).userId()).isEqualTo(r.key()));
  }

  @Test
  void ndjsonIsOneEventPerLineWithBlankLinesAndCrLfIgnored() {
    String body = SampleEvents.event("nd-1") + "\r\n\n   \n" + SampleEvents.event("nd-2") + "\n"
        + "{\"eventId\":\"nd-3\",\"type\":\"view\",\"userId\":\"nd-3\",\"timestamp\":1767225600000}\n\n";

    var response = client.postEvents(IngestClient.NDJSON + "; charset=utf-8", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(3);
    List<ConsumerRecord<String, byte[]>> records = events.readExactly(3);
    assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("nd-1", "nd-2", "nd-3");
    Event epochMillis = records.stream().filter(r -> r.key().equals("nd-3")).map(r -> EventJson.read(r.value())).findFirst().orElseThrow();
    assertThat(epochMillis.timestamp()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
  }

  @Test
  void aFullBatchOfTheMaximumSizeIsAccepted() {
    var response = client.postEvents(IngestClient.JSON, SampleEvents.array(10_000));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(10_000);
    assertThat(events.readExactly(10_000)).hasSize(10_000);
  }

  @Test
  void oneUsersEventsShareAPartitionInPostedOrder() {
    String body = "[" + SampleEvents.event("same-user").replace("\"click\"", "\"first\"") + ","
        + SampleEvents.event("same-user").replace("\"click\"", "\"second\"") + "]";

    assertThat(client.postEvents(IngestClient.JSON, body).status()).isEqualTo(202);

    List<ConsumerRecord<String, byte[]>> records = events.readExactly(2);
    assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.getFirst().partition());
    assertThat(records).extracting(r -> EventJson.read(r.value()).type()).containsExactly("first", "second");
  }
}

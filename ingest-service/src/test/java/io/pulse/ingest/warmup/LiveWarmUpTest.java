package io.pulse.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.IngestApplication;
import io.pulse.ingest.support.IngestClient;
import io.pulse.ingest.support.SampleEvents;
import io.pulse.ingest.support.TopicReader;
import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;

/**
 * {@code pulse.ingest.live-warm-up}: the warm-up's batches go through {@code POST /v1/events} and the
 * producer, to a topic of their own whose records are deleted once the service is healthy. None
 * reaches the events topic or the accepted-events counter, and afterwards every client's batch goes
 * to the events topic.
 */
class LiveWarmUpTest {

  private static final int REQUESTS = 12;

  @Test
  void theWarmUpWentThroughKafkaToItsOwnTopicWhichIsEmptiedAndEventsHoldsOnlyClientBatches() throws Exception {
    try (KafkaServer kafka = TestServers.startKafka();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(IngestApplication.class).run(
            "--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--pulse.ingest.api-keys=" + IngestClient.API_KEY, "--pulse.ingest.warm-up-requests=" + REQUESTS,
            "--pulse.ingest.live-warm-up=true");
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TopicReader events = new TopicReader(kafka.bootstrapServers(), Topics.EVENTS.name())) {
      MeterRegistry registry = app.getBean(MeterRegistry.class);
      IngestClient client = new IngestClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));

      assertThat(accepted(registry)).as("POST /v1/events answered 202 to the warm-up").isEqualTo(REQUESTS);
      assertThat(events.endOffsetTotal()).as("warm-up records on the events topic").isZero();
      assertThat(offsets(admin, OffsetSpec.latest())).as("records the warm-up wrote to its topic").isPositive();
      assertThat(offsets(admin, OffsetSpec.earliest())).as("where its topic starts after the warm-up")
          .isEqualTo(offsets(admin, OffsetSpec.latest()));
      assertThat(registry.get("pulse.ingest.events").counter().count()).isZero();
      assertThat(client.get("/actuator/health").json().path("components").path("warmUp").path("status").asString())
          .isEqualTo("UP");

      assertThat(client.postEvents(IngestClient.NDJSON, SampleEvents.event("u-after") + "\n").status()).isEqualTo(202);
      assertThat(events.endOffsetTotal()).isOne();
      assertThat(registry.get("pulse.ingest.events").counter().count()).isOne();
    }
  }

  @Test
  void onlyThisProcessesTokenRoutesABatchToTheWarmUpTopic() {
    WarmUpRoute route = new WarmUpRoute();
    WarmUpRoute another = new WarmUpRoute();

    assertThat(route.topicFor(headers(route.token()))).isEqualTo(WarmUpRoute.TOPIC);
    assertThat(route.topicFor(new HttpHeaders())).isEqualTo(Topics.EVENTS.name());
    assertThat(route.topicFor(headers(another.token()))).isEqualTo(Topics.EVENTS.name());
    assertThat(route.topicFor(headers(route.token().substring(1)))).isEqualTo(Topics.EVENTS.name());
    assertThat(Set.of(route.token(), another.token())).hasSize(2);
  }

  /** The sum over the warm-up topic's partitions of their earliest or latest offset. */
  private static long offsets(Admin admin, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(WarmUpRoute.TOPIC)).allTopicNames().get()
        .get(WarmUpRoute.TOPIC).partitions().stream()
        .collect(Collectors.toMap(partition -> new TopicPartition(WarmUpRoute.TOPIC, partition.partition()), p -> spec));
    return admin.listOffsets(partitions).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  private static long accepted(MeterRegistry registry) {
    return registry.get("http.server.requests").tag("uri", "/v1/events").tag("status", "202")
        .timers().stream().mapToLong(Timer::count).sum();
  }

  private static HttpHeaders headers(String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(WarmUpRoute.HEADER, token);
    return headers;
  }
}

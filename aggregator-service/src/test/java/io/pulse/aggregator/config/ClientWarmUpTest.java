package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ClientWarmUpTest {

  @Test
  void writesAndReadsBackTheConfiguredRecordsThroughATopicItDeletesAfterwards(CapturedOutput output) throws Exception {
    try (KafkaServer kafka = TestServers.startKafka();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new ClientWarmUp(withClientWarmUp(20_000), kafka(kafka.bootstrapServers())).start();

      assertThat(output).contains("Warmed up the Kafka clients with 20000 records");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("aggregator-warm-up"));
    }
  }

  /** It creates and deletes a topic and writes megabytes: a production cluster must never get that unasked. */
  @Test
  void isOffAsShippedAndThenNeverContactsTheBroker(CapturedOutput output) throws IOException {
    assertThat(WarmUpTest.shipped().clientWarmUpRecords()).isZero();

    new ClientWarmUp(withClientWarmUp(0), kafka("127.0.0.1:1")).start();

    assertThat(output).doesNotContain("Warmed up the Kafka clients");
  }

  private static AggregatorProperties withClientWarmUp(int records) {
    return new AggregatorProperties(List.of(), Duration.ofHours(1), Duration.ofMillis(250), Duration.ofSeconds(10),
        Set.of(), 0, records);
  }

  private static KafkaProperties kafka(String bootstrapServers) {
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of(bootstrapServers));
    return kafka;
  }
}
